#!/usr/bin/env python3
"""A webhook receiver for the fault scenarios: answers 200 to every POST after DELAY seconds and keeps
one line per webhook received (webhookId, type, invoice id) in OUT. Usage: webhook_receiver.py PORT OUT [DELAY]"""
import http.server
import json
import sys
import threading
import time

PORT, OUT = int(sys.argv[1]), sys.argv[2]
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
lock = threading.Lock()
out = open(OUT, "a", buffering=1)


class Hook(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if DELAY:
            time.sleep(DELAY)
        try:
            hook = json.loads(body)
            line = "%s %s %s %s\n" % (hook.get("webhookId"), hook.get("type"), hook.get("_id"),
                                      "signed" if self.headers.get("x-wh-signature") else "unsigned")
        except ValueError:
            line = "unreadable - - -\n"
        with lock:
            out.write(line)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer.daemon_threads = True
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Hook).serve_forever()
