#!/usr/bin/env python3
"""Turns a bench/durable.sh output folder into summary.md: each kind's N due at once, its time and
throughput, the pgbench ceiling of its SQL and the ratio, and the statements per job from the log."""
import json
import os
import sys

out = sys.argv[1]
rows = [json.loads(line) for line in open(os.path.join(out, "durable.jsonl")) if line.strip() and line.strip() != "{}"]
machine = open(os.path.join(out, "machine.txt")).read().strip()
runs = {(r["name"], r.get("pass")): r for r in rows if "pass" in r}
by = {r["name"]: r for r in rows}

WHAT = {
    "schedules": "schedule occurrences: invoice created, numbered and sent, email delivered",
    "latefees": "late fees: one fee applied to each overdue invoice",
    "reminders": "reminders: recorded and emailed",
    "webhooks": "webhooks: posted to the receiver and logged delivered",
}
print("# remit durable work: N due at once\n")
print("```\n" + machine + "\n```\n")
print("| kind | N | all done (s) | jobs/s | all emails/webhooks out (s) | end to end/s | pgbench tps (its SQL) | ratio (jobs/s ÷ tps) | RSS peak MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for k in ("schedules", "latefees", "reminders", "webhooks"):
    r = runs.get((k, k + "run"))
    if not r:
        continue
    pg = by.get("pgbench-" + k, {}).get("tps")
    ratio = f"{r['per_s'] / pg:.2f}" if pg and r.get("per_s") else "n/a"
    out_s = r["all_out_s"] if (r["emails"] or k == "webhooks") else "-"
    e2e = r["end_to_end_per_s"] if (r["emails"] or k == "webhooks") else "-"
    pgs = f"{pg:.0f}" if pg else "n/a"
    print(f"| {WHAT[k]} | {r['n']:,} | {r['done_s']:.1f} | {r['per_s']} | {out_s} | {e2e} | {pgs} | {ratio} | {r['rss_peak_mb']} |")

print("\n## Database work per job (pg_stat_database over the run, the bench's own polls taken out)\n")
print("| kind | pass | N | transactions | rows fetched | inserted | updated | deleted |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (k, p), r in runs.items():
    print(f"| {k} | {p} | {r['n']:,} | {r['transactions_per_job']} | {r['rows_fetched_per_job']} | {r['rows_inserted_per_job']} | {r['rows_updated_per_job']} | {r['rows_deleted_per_job']} |")

stmts = [r for r in rows if r["name"].startswith("statements-")]
if stmts:
    print("\n## Statements per job, from PostgreSQL's log (log_statement = all, the logged pass)\n")
    print("| kind | jobs | statements per job | transactions per job | of which: categories per job |")
    print("|---|---:|---:|---:|---|")
    for r in stmts:
        cats = "; ".join(f"{c} {n}" for c, n in r["by_category_per_job"].items())
        print(f"| {r['name'][len('statements-'):]} | {r['jobs']} | {r['per_job']} | {r['transactions_per_job']} | {cats} |")
    print("\n(statements-<kind>.txt: every statement per job and each kind of transaction with an example)")
