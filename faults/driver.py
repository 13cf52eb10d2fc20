#!/usr/bin/env python3
"""Load for the fault scripts: creates invoices (and sends them, with action email unless --action says otherwise)
through remit's API over keep-alive connections, and records every answer: faults/driver.py BASE[,BASE2...]
TENANT_FILE COUNT OUT_PREFIX [--send] [--action email|sms|sms_and_email|send_manually] [--threads N] [--seconds S]
[--extra JSON_FILE]. --extra's fields are merged into every create body (dates, late fees, reminders). TENANT_FILE
has one line: locationId token userId. With --seconds it keeps creating until the time is up (COUNT is then a
ceiling). Writes OUT_PREFIX.ok (ids answered 200, with the base that answered), OUT_PREFIX.statuses (count per
status), and prints a one-line JSON summary."""
import argparse
import collections
import http.client
import json
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("bases")
parser.add_argument("tenant")
parser.add_argument("count", type=int)
parser.add_argument("out")
parser.add_argument("--send", action="store_true")
parser.add_argument("--action", default="email", choices=["email", "sms", "sms_and_email", "send_manually"])
parser.add_argument("--threads", type=int, default=4)
parser.add_argument("--seconds", type=float, default=0)
parser.add_argument("--extra")
args = parser.parse_args()
extra = json.load(open(args.extra)) if args.extra else {}

location, token, user = open(args.tenant).read().split()[:3]
bases = args.bases.split(",")
headers = {"Version": "2021-07-28", "Authorization": "Bearer " + token, "Content-Type": "application/json",
           "Accept": "application/json"}
lock = threading.Lock()
statuses = collections.Counter()
ok = []
next_index = [0]
deadline = time.time() + args.seconds if args.seconds else None


def body(n):
    return json.dumps({**base_body(n), **extra})


def base_body(n):
    return {
        "altId": location, "altType": "location", "name": f"Fault invoice {n}",
        "businessDetails": {"name": "Acme Plumbing"}, "currency": "USD",
        "items": [{"name": "Consulting", "currency": "USD", "amount": 100, "qty": 1, "taxes": []}],
        "discount": {"type": "percentage", "value": 0},
        "contactDetails": {"id": f"c{n}", "name": f"Customer {n}", "phoneNo": "+12145596993",
                           "email": f"customer{n}@customer.example"},
        "issueDate": "2026-01-10", "dueDate": "2026-12-31",
        "sentTo": {"email": [f"customer{n}@customer.example"]}, "liveMode": True}


def send_body():
    return json.dumps({"altId": location, "altType": "location", "userId": user, "action": args.action, "liveMode": True})


def call(conn_holder, base, method, path, payload):
    for attempt in range(2):
        try:
            if conn_holder[0] is None:
                u = urllib.parse.urlparse(base)
                conn_holder[0] = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
            conn_holder[0].request(method, path, body=payload, headers=headers)
            response = conn_holder[0].getresponse()
            data = response.read()
            return response.status, data
        except (OSError, http.client.HTTPException) as e:
            if conn_holder[0] is not None:
                conn_holder[0].close()
            conn_holder[0] = None
            if attempt == 1:
                return -1, str(e).encode()
            time.sleep(0.05)


def worker(w):
    base = bases[w % len(bases)]
    conn = [None]
    while True:
        with lock:
            n = next_index[0]
            next_index[0] += 1
        if n >= args.count or (deadline and time.time() > deadline):
            return
        status, data = call(conn, base, "POST", "/invoices/", body(n))
        with lock:
            statuses[f"create {status}"] += 1
        if status != 200:
            continue
        invoice = json.loads(data)["_id"]
        if args.send:
            status, data = call(conn, base, "POST", f"/invoices/{invoice}/send", send_body())
            with lock:
                statuses[f"send {status}"] += 1
            if status != 200:
                continue
        with lock:
            ok.append((invoice, base))


started = time.time()
threads = [threading.Thread(target=worker, args=(w,)) for w in range(args.threads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(args.out + ".ok", "w") as f:
    for invoice, base in ok:
        f.write(f"{invoice} {base}\n")
with open(args.out + ".statuses", "w") as f:
    json.dump(statuses, f)
print(json.dumps({"ok": len(ok), "seconds": round(time.time() - started, 1), "statuses": statuses}))
