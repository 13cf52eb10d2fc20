#!/usr/bin/env python3
"""Twilio's Messages API for the fault scripts: faults/fake_twilio.py PORT OUT_FILE [--fail-seconds S]
[--retry-after N] [--account-sid AC...] [--auth-token T].
POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form fields To, From or MessagingServiceSid, Body; basic
auth with the account SID and auth token). For the first S seconds after the first such request it takes nothing
and answers 429 (Retry-After: N, Twilio's error 20429) and 500 by turns; afterwards 201 with a message resource.
Each message taken is one JSON line in OUT_FILE (sid, to, body); every answer is one line in OUT_FILE.requests
(time, status, body), for the gaps between tries. GET /stats answers the counts as JSON."""
import argparse
import base64
import collections
import datetime
import email.utils
import http.server
import json
import secrets
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("out")
parser.add_argument("--fail-seconds", type=float, default=60)
parser.add_argument("--retry-after", type=int, default=2)
parser.add_argument("--account-sid")
parser.add_argument("--auth-token")
args = parser.parse_args()

lock = threading.Lock()
counts = collections.Counter()
state = {"first": None, "turn": 0}
accepted = open(args.out, "a", encoding="utf-8")
requests_log = open(args.out + ".requests", "a", encoding="utf-8")
PATH_PREFIX, PATH_SUFFIX = "/2010-04-01/Accounts/", "/Messages.json"


def twilio_error(code, message, status):
    return {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API

    def log_message(self, *_):
        pass

    def answer(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path != "/stats":
            self.answer(404, twilio_error(20404, "The requested resource was not found", 404))
            return
        with lock:
            stats = dict(counts, first_request_at=state["first"], fail_seconds=args.fail_seconds)
        self.answer(200, stats)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
        path = urllib.parse.urlparse(self.path).path
        if not (path.startswith(PATH_PREFIX) and path.endswith(PATH_SUFFIX)):
            self.answer(404, twilio_error(20404, "The requested resource was not found", 404))
            return
        account = path[len(PATH_PREFIX):-len(PATH_SUFFIX)]
        status, payload, headers = self.decide(account, form)
        with lock:
            counts[str(status)] += 1
            requests_log.write(json.dumps({"t": round(time.time(), 3), "status": status, "body": form.get("Body")})
                               + "\n")
            requests_log.flush()
            if status == 201:
                accepted.write(json.dumps({"sid": payload["sid"], "to": form.get("To"), "body": form.get("Body")})
                               + "\n")
                accepted.flush()
        self.answer(status, payload, headers)

    def decide(self, account, form):
        auth = self.headers.get("Authorization", "")
        try:
            user, _, password = base64.b64decode(auth[len("Basic "):]).decode().partition(":")
        except ValueError:
            user, password = None, None
        if (not auth.startswith("Basic ") or user != account or (args.account_sid and user != args.account_sid)
                or (args.auth_token and password != args.auth_token)):
            return 401, twilio_error(20003, "Authenticate", 401), ()
        if not form.get("To"):
            return 400, twilio_error(21604, "A 'To' phone number is required.", 400), ()
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return 400, twilio_error(21603, "A 'From' phone number is required.", 400), ()
        if not form.get("Body"):
            return 400, twilio_error(21602, "Message body is required.", 400), ()
        now = time.time()
        with lock:
            if state["first"] is None:
                state["first"] = now
            failing = now - state["first"] < args.fail_seconds
            if failing:
                state["turn"] += 1
                turn = state["turn"]
        if failing:
            if turn % 2:
                return 429, twilio_error(20429, "Too Many Requests", 429), (("Retry-After", str(args.retry_after)),)
            return 500, {"code": 20500, "message": "Internal Server Error",
                         "more_info": "https://www.twilio.com/docs/errors/20500", "status": 500}, ()
        created = email.utils.format_datetime(datetime.datetime.now(datetime.timezone.utc), usegmt=True)
        sid = "SM" + secrets.token_hex(16)
        return 201, {
            "account_sid": account, "api_version": "2010-04-01", "body": form["Body"], "date_created": created,
            "date_sent": None, "date_updated": created, "direction": "outbound-api", "error_code": None,
            "error_message": None, "from": form.get("From"), "messaging_service_sid": form.get("MessagingServiceSid"),
            "num_media": "0", "num_segments": "1", "price": None, "price_unit": "USD", "sid": sid, "status": "queued",
            "subresource_uris": {"media": f"/2010-04-01/Accounts/{account}/Messages/{sid}/Media.json"},
            "to": form["To"], "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json"}, ()


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
server.serve_forever()
