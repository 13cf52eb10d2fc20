#!/usr/bin/env python3
"""The statements remit ran, from a piece of PostgreSQL's log written with log_statement = all and
log_line_prefix '%m [%p] %q%u@%d ' (bench/durable.sh): per job, grouped into transactions.

  durable_statements.py LOG DB JOBS            # a report: statements per job, each kind of transaction with an example
  durable_statements.py LOG DB JOBS --json KIND  # one line of JSON for durable.jsonl
"""
import collections
import json
import re
import sys

path, db, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
as_json = len(sys.argv) > 4 and sys.argv[4] == "--json"
kind = sys.argv[5] if as_json else None

HEAD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+) \[(\d+)\] (\S*)@(\S*) ([A-Z]+):  (.*)$")
entries = []  # (pid, level, text)
for line in open(path, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = HEAD.match(line)
    if m:
        entries.append([m.group(2), m.group(4), m.group(5), m.group(6)])
    elif entries:
        entries[-1][3] += "\n" + line

STMT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
statements = []  # (pid, text, parameters)
for pid, database, level, text in entries:
    if database != db:
        continue
    if level == "LOG":
        m = STMT.match(text)
        if m:
            statements.append([pid, m.group(1).strip(), ""])
    elif level == "DETAIL" and text.startswith("parameters:") and statements and statements[-1][0] == pid:
        statements[-1][2] = text[len("parameters: "):]


def norm(sql):
    s = re.sub(r"\s+", " ", sql).strip()
    s = re.sub(r"'(?:[^']|'')*'", "?", s)
    s = re.sub(r"\b\d+(\.\d+)?\b", "?", s)
    return s


def category(s):
    l = s.lower()
    if l in ("begin", "commit", "rollback") or l.startswith("set ") or l.startswith("show "):
        return "transaction control"
    if "scheduled_tasks" in l:
        if l.startswith("select") and "picked" in l:
            return "db-scheduler: poll for due jobs"
        if "last_heartbeat" in l and l.startswith("update") and "picked = ?" not in l and "picked_by" not in l:
            return "db-scheduler: heartbeat"
        return "db-scheduler: pick, reschedule, complete"
    if "event_publication" in l:
        return "Spring Modulith event registry"
    return "the job's own work"


# transactions: per connection, from BEGIN to COMMIT/ROLLBACK; a statement outside one is its own
open_tx = {}
transactions = []
for pid, sql, params in statements:
    low = sql.strip().lower()
    if low == "begin":
        open_tx[pid] = [(sql, params)]
        continue
    if pid in open_tx:
        open_tx[pid].append((sql, params))
        if low in ("commit", "rollback"):
            transactions.append(open_tx.pop(pid))
    else:
        transactions.append([(sql, params)])

by_statement = collections.Counter(norm(s) for _, s, _ in statements)
by_category = collections.Counter()
for s, c in by_statement.items():
    by_category[category(s)] += c
shapes = collections.Counter()
example = {}
for tx in transactions:
    key = tuple(norm(s) for s, _ in tx)
    shapes[key] += 1
    example.setdefault(key, tx)

total = sum(by_statement.values())
if as_json:
    print(json.dumps({"name": "statements-" + kind, "jobs": jobs, "statements": total,
                      "per_job": round(total / jobs, 2),
                      "by_category_per_job": {c: round(n / jobs, 2) for c, n in by_category.most_common()},
                      "transactions_per_job": round(len(transactions) / jobs, 2)}))
    sys.exit(0)

print(f"{total} statements for {jobs} jobs: {total / jobs:.2f} per job, {len(transactions)} transactions ({len(transactions) / jobs:.2f} per job)\n")
print("## By category, per job\n")
for c, n in by_category.most_common():
    print(f"{n / jobs:8.2f}  {c}")
print("\n## By statement, per job\n")
for s, n in by_statement.most_common():
    print(f"{n / jobs:8.2f}  {n:7d}  {s[:220]}")
print("\n## Transactions by their statements (count, then one example with its parameters)\n")
for key, n in shapes.most_common():
    print(f"### {n} transaction(s), {n / jobs:.2f} per job, {len(key)} statements")
    for sql, params in example[key]:
        print("  " + re.sub(r"\s+", " ", sql)[:400])
        if params:
            print("      -- " + params[:400])
    print()
