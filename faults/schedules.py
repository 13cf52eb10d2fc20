#!/usr/bin/env python3
"""The recurring-schedules fault scenario's load and its judge (faults/schedules.sh).

faults/schedules.py create BASE[,BASE2...] LOCATIONS_FILE COUNT FIRST_MINUTE OCCURRENCES OUT_PREFIX [--threads N]
  creates COUNT live schedules through remit's API, spread over the locations of LOCATIONS_FILE (first line the
  agency token, then "locationId zone" per line), each minutely with OCCURRENCES occurrences from FIRST_MINUTE
  (epoch seconds, UTC, on a minute) in its location's time zone, to a contact of its own, and schedules each
  (liveMode true, so its emails go to SMTP; its texts, with no Twilio configured, to the outbox). Writes OUT_PREFIX.ok ("scheduleId locationId zone"
  per schedule) and prints a one-line JSON summary.

faults/schedules.py check DIR FIRST_MINUTE OCCURRENCES RESTARTED_AT
  judges what the database and the SMTP sink hold (files written by schedules.sh in DIR) against the rules of
  docs/schedules.md and prints the result as JSON; exits 1 when a rule is broken:
  - every schedule completed; each generated occurrence is one of its rule's, once, with one invoice (sent);
  - missed occurrences collapse: each occurrence generated is the latest of the rule due when it was generated
    (the created_at of its row), after the one generated before it; so the ones skipped are those passed over
    while no instance ran, and none is generated late;
  - none is skipped that fell after RESTARTED_AT (epoch seconds: when the restarted instances were ready);
  - one email per invoice: each invoice has exactly one email in the delivery log, its Message-ID reached
    smtp-sink, and no other did; a Message-ID received twice is counted (SMTP's at-least-once edge when a
    delivery was in flight at the kill) and must not exceed the deliveries in flight then.
"""
import argparse
import collections
import datetime
import http.client
import json
import sys
import threading
import time
import urllib.parse
import zoneinfo


def create(args):
    lines = open(args.locations).read().split("\n")
    token = lines[0].strip()
    locations = [line.split() for line in lines[1:] if line.strip()]
    bases = args.bases.split(",")
    headers = {"Version": "2021-07-28", "Authorization": "Bearer " + token, "Content-Type": "application/json",
               "Accept": "application/json"}
    first = datetime.datetime.fromtimestamp(args.first_minute, datetime.timezone.utc)
    lock = threading.Lock()
    statuses = collections.Counter()
    ok = []
    next_index = [0]

    def body(n, location, zone):
        local = first.astimezone(zoneinfo.ZoneInfo(zone))
        return json.dumps({
            "altId": location, "altType": "location", "name": f"Minutely {n}",
            "contactDetails": {"id": f"c{n}", "name": f"Customer {n}", "email": f"schedule{n}@customer.example",
                               "phoneNo": "+12145596993"},
            "schedule": {"rrule": {"intervalType": "minutely", "interval": 1, "startDate": local.strftime("%Y-%m-%d"),
                                   "startTime": local.strftime("%H:%M"), "count": args.occurrences}},
            "liveMode": True, "businessDetails": {"name": "Acme Plumbing"}, "currency": "USD",
            "items": [{"name": "Retainer", "currency": "USD", "amount": 100, "qty": 1, "taxes": []}],
            "discount": {"type": "percentage", "value": 0}, "title": "INVOICE"})

    def call(conn, base, method, path, payload):
        for attempt in range(3):
            try:
                if conn[0] is None:
                    u = urllib.parse.urlparse(base)
                    conn[0] = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
                conn[0].request(method, path, body=payload, headers=headers)
                response = conn[0].getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException) as e:
                if conn[0] is not None:
                    conn[0].close()
                conn[0] = None
                if attempt == 2:
                    return -1, str(e).encode()
                time.sleep(0.1)

    def worker(w):
        base = bases[w % len(bases)]
        conn = [None]
        while True:
            with lock:
                n = next_index[0]
                next_index[0] += 1
            if n >= args.count:
                return
            location, zone = locations[n % len(locations)]
            status, data = call(conn, base, "POST", "/invoices/schedule", body(n, location, zone))
            with lock:
                statuses[f"create {status}"] += 1
            if status != 200:
                sys.stderr.write(data.decode(errors="replace")[:500] + "\n")
                continue
            schedule = json.loads(data)["_id"]
            status, data = call(conn, base, "POST", f"/invoices/schedule/{schedule}/schedule",
                                json.dumps({"altId": location, "altType": "location", "liveMode": True}))
            with lock:
                statuses[f"schedule {status}"] += 1
            if status != 200:
                sys.stderr.write(data.decode(errors="replace")[:500] + "\n")
                continue
            with lock:
                ok.append((schedule, location, zone))

    started = time.time()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(args.out + ".ok", "w") as f:
        for row in ok:
            f.write(" ".join(row) + "\n")
    print(json.dumps({"ok": len(ok), "seconds": round(time.time() - started, 1), "statuses": statuses}))


def rows(path, width):
    out = []
    for line in open(path):
        line = line.rstrip("\n")
        if line:
            fields = line.split("|")
            assert len(fields) == width, (path, line)
            out.append(fields)
    return out


def check(args):
    d = args.dir
    schedules = {s: (loc, zone) for s, loc, zone in (line.split() for line in open(f"{d}/schedules.ok") if line.strip())}
    status_of = dict(rows(f"{d}/db-schedules.txt", 2))
    occurrences = collections.defaultdict(list)
    for schedule, key, invoice, created in rows(f"{d}/db-occurrences.txt", 4):
        occurrences[schedule].append((key, invoice, float(created)))
    invoices = dict(rows(f"{d}/db-invoices.txt", 2))
    emails = collections.defaultdict(list)
    for invoice, message_id, status in rows(f"{d}/db-emails.txt", 3):
        emails[invoice].append(message_id)
    received = collections.Counter(line.strip().split(":", 1)[1].strip()
                                   for line in open(f"{d}/mail.ids") if line.strip())
    in_flight = int(open(f"{d}/in-flight.txt").read().strip() or 0)
    at_kill = {tuple(r) for r in rows(f"{d}/at-kill.txt", 2)}

    rule = [args.first_minute + 60 * k for k in range(args.occurrences)]
    problems = []
    generated = skipped = collapsed = 0
    for schedule, (location, zone) in schedules.items():
        tz = zoneinfo.ZoneInfo(zone)
        if status_of.get(schedule) != "completed":
            problems.append(f"schedule {schedule} is {status_of.get(schedule)}, not completed")
        made = sorted(occurrences.get(schedule, []), key=lambda r: r[2])
        previous = None
        seen = []
        for key, invoice, created in made:
            at = datetime.datetime.fromisoformat(key).replace(tzinfo=tz).timestamp()
            if at not in rule:
                problems.append(f"{schedule}: occurrence {key} is not one of its rule's")
                continue
            due = [o for o in rule if o <= created + 0.001 and (previous is None or o > previous)]
            if not due or due[-1] != at:
                problems.append(f"{schedule}: occurrence {key} generated at {created}, when the latest due was "
                                f"{due[-1] if due else None}")
            if previous is not None and at <= previous:
                problems.append(f"{schedule}: occurrence {key} generated after a later one")
            if len(due) > 1:
                collapsed += 1
            previous = at
            seen.append(at)
            if invoices.get(invoice) != "sent":
                problems.append(f"{schedule}: invoice {invoice} of {key} is {invoices.get(invoice)}")
        if len(seen) != len(set(seen)):
            problems.append(f"{schedule}: an occurrence generated twice")
        generated += len(seen)
        for o in rule:
            if o not in seen:
                skipped += 1
                if o > args.restarted_at:
                    problems.append(f"{schedule}: occurrence at {o} skipped though an instance ran then")
    invoice_ids = [inv for made in occurrences.values() for _, inv, _ in made]
    if len(invoices) != len(invoice_ids):
        problems.append(f"{len(invoices)} invoices in the database, {len(invoice_ids)} generated by occurrences")
    expected_ids = set()
    for invoice in invoice_ids:
        ids = emails.get(invoice, [])
        if len(ids) != 1:
            problems.append(f"invoice {invoice} has {len(ids)} emails in the delivery log")
        for message_id in ids:
            expected_ids.add(message_id)
            if received[message_id] == 0:
                problems.append(f"invoice {invoice}: its email {message_id} did not arrive")
    strangers = [m for m in received if m not in expected_ids]
    if strangers:
        problems.append(f"{len(strangers)} emails arrived that no occurrence's invoice sent")
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    if duplicates > in_flight:
        problems.append(f"{duplicates} emails arrived twice, more than the {in_flight} deliveries in flight at the kill")
    result = {"scenario": "schedules", "schedules": len(schedules), "occurrences_in_rule": len(schedules) * len(rule),
              "generated_at_kill": len(at_kill), "invoices": len(invoice_ids), "skipped": skipped,
              "collapsed": collapsed, "emails_received": sum(received.values()), "emails_unique": len(received),
              "duplicates": duplicates, "deliveries_in_flight_at_kill": in_flight, "problems": len(problems)}
    print(json.dumps(result))
    for p in problems[:20]:
        sys.stderr.write(p + "\n")
    sys.exit(1 if problems else 0)


parser = argparse.ArgumentParser()
sub = parser.add_subparsers(dest="command", required=True)
c = sub.add_parser("create")
c.add_argument("bases")
c.add_argument("locations")
c.add_argument("count", type=int)
c.add_argument("first_minute", type=int)
c.add_argument("occurrences", type=int)
c.add_argument("out")
c.add_argument("--threads", type=int, default=4)
k = sub.add_parser("check")
k.add_argument("dir")
k.add_argument("first_minute", type=int)
k.add_argument("occurrences", type=int)
k.add_argument("restarted_at", type=float)
args = parser.parse_args()
create(args) if args.command == "create" else check(args)
