#!/usr/bin/env python3
"""A pgbench script from the log of a logged pass (bench/durable.sh): every statement one job ran, in its
transactions, with the parameters PostgreSQL logged put in as literals. One job is the example target
(a schedule, an invoice or a webhook) and every transaction that names it or an id one of those
transactions made (its invoice, its messages, their jobs): the job's own work, db-scheduler's pick and
completion of each of its jobs, the email's and SMS's delivery. db-scheduler's polls for due jobs serve
many jobs each and are left out (statements-<kind>-<n>.txt counts them per job).

  durable_pgbench.py LOG DB TARGET_ID TARGET_LOCATION > script.sql

Run it with pgbench -M simple (variables are put into the text, literals included). In the
script the target and its location come from bench_target (a random row per transaction) and
every other id the job made is a new one per transaction, so that clients do not wait on each other's
keys. All of the job's statements run in one transaction that ends in ROLLBACK, so the script can
repeat on the same rows (the invoice's number, the occurrence's key stay free) and leaves nothing
behind: the ceiling has no commit to flush, so it is above what the same statements committed reach.
"""
import re
import sys

path, db, target, target_loc = sys.argv[1:5]
HEAD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+) \[(\d+)\] (\S*)@(\S*) ([A-Z]+):  (.*)$")
entries = []
for line in open(path, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = HEAD.match(line)
    if m:
        entries.append([m.group(2), m.group(4), m.group(5), m.group(6)])
    elif entries:
        entries[-1][3] += "\n" + line
STMT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
stmts = []
for pid, database, level, text in entries:
    if database != db:
        continue
    if level == "LOG":
        m = STMT.match(text)
        if m:
            stmts.append([pid, m.group(1).strip(), ""])
    elif level == "DETAIL" and text.startswith("parameters:") and stmts and stmts[-1][0] == pid:
        stmts[-1][2] = text[len("parameters: "):]

PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def bind(sql, params):
    values = {int(n): v for n, v in PARAM.findall(params)}
    return re.sub(r"\$(\d+)\b", lambda m: values.get(int(m.group(1)), m.group(0)), sql)


open_tx, txs = {}, []
for pid, sql, params in stmts:
    s = bind(sql, params)
    low = sql.strip().lower()
    if low == "begin":
        open_tx[pid] = [s]
        continue
    if pid in open_tx:
        open_tx[pid].append(s)
        if low in ("commit", "rollback"):
            txs.append(open_tx.pop(pid))
    else:
        txs.append([s])

HEX = re.compile(r"\b[0-9a-f]{24}\b")
known, chosen = {target}, []
changed = True
while changed:
    changed = False
    for i, tx in enumerate(txs):
        if i in chosen:
            continue
        text = "\n".join(tx)
        if "picked = " in text.lower() and "execution_time <=" in text.lower() and len(tx) <= 3:
            continue  # a poll: serves many jobs
        if any(k in text for k in known):
            chosen.append(i)
            # follow only the ids this job made (its inserts): an id it merely read is another job's
            made = "\n".join(st for st in tx if st.lower().lstrip().startswith("insert"))
            new = set(HEX.findall(made)) - {target_loc}
            if new - known:
                known |= new
                changed = True
chosen.sort()

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
names = {}


def fresh(value, kind):
    # pgbench (simple query mode) puts :r into the text, literals included
    if value not in names:
        names[value] = len(names) + 1
    k = names[value]
    if kind == "uuid":
        return "00000000-0000-4%03d-8000-:r" % k
    return "x:r-k%d" % k


def generalize(sql):
    # inside quoted literals: the target and its location from bench_target, any other id a fresh one
    def lit(m):
        body = m.group(0)
        body = body.replace(target, ":id").replace(target_loc, ":location")
        body = HEX.sub(lambda h: fresh(h.group(0), "hex"), body)
        body = UUID.sub(lambda u: fresh(u.group(0), "uuid"), body)
        return body
    return re.sub(r"'(?:[^']|'')*'", lit, sql)


def unique_keys(sql):
    """Keys that would collide with the committed rows of the run (the invoice's number and public
    token, the occurrence's key, the next occurrence's job) become new ones per transaction."""
    low = sql.lower()
    if low.startswith("insert into invoice ("):
        sql = re.sub(r"(':location'), '[^']*', ", r"\1, 'pgb:r', ", sql, count=1)
        sql = re.sub(r"'[A-Za-z0-9_-]{40,64}'", "'pgb:r-token'", sql, count=1)
    if low.startswith("select count(*) from invoice where") and "invoice_number" in low:
        sql = re.sub(r"invoice_number = '[^']*'", "invoice_number = 'pgb:r'", sql)
    if low.startswith("insert into invoice_schedule_occurrence"):
        sql = re.sub(r"'\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?'", "'pgb:r'", sql, count=1)
    if low.startswith("insert into invoice_reminder"):
        sql = re.sub(r"(':id'), '([^']*)', '?(\d+)'?, ", r"\1, 'pgb:r', :f, ", sql, count=1)
    if low.startswith("insert into invoice_late_fee"):
        sql = re.sub(r"(':id'), '?(\d+)'?, ", r"\1, :f, ", sql, count=1)
    if low.startswith("insert into scheduled_tasks"):
        sql = re.sub(r"@\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?'", "@pgb:r'", sql)
    return sql


print("-- Generated by bench/durable_pgbench.py from a logged pass of bench/durable.sh: the statements of one job,")
print("-- %d of its transactions, run as one that ends in ROLLBACK (see that script's header)." % len(chosen))
print("\\set n random(1, :targets)")
print("select location_id as location, id from bench_target where n = :n \\gset")
print("\\set r random(100000000000, 999999999999)")
print("\\set f random(1000, 2000000000)")
print("begin;")
for i in chosen:
    print("-- transaction %d of the job (%d statements)" % (chosen.index(i) + 1, len(txs[i])))
    for s in txs[i]:
        s = re.sub(r"\s+", " ", s).strip()
        if s.lower() in ("begin", "commit", "rollback"):
            continue
        print(unique_keys(generalize(s)) + ";")
print("rollback;")
