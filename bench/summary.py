#!/usr/bin/env python3
"""Turns a bench/run.sh output folder into summary.md: every measurement, and ours as a ratio of its ceiling."""
import json
import os
import sys

out = sys.argv[1]
rows = [json.loads(line) for line in open(os.path.join(out, "results.jsonl")) if line.strip()]
by = {r["name"]: r for r in rows}
machine = open(os.path.join(out, "machine.txt")).read().strip()

print("# remit benchmark run\n")
print("```\n" + machine + "\n```\n")
print("| run | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | errors (connect/read/write/timeout/non-2xx) | RSS MB |")
print("|---|---:|---:|---:|---:|---:|---|---:|")
for r in rows:
    if "rps" not in r:
        continue
    e = r.get("errors", {})
    errs = "/".join(str(e.get(k, 0)) for k in ("connect", "read", "write", "timeout", "non2xx"))
    print(f"| {r['name']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['p999_ms']:.2f} | {r['max_ms']:.1f} | {errs} | {r.get('rss_mb', '')} |")

def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"

print("\n## Against the machine's ceilings\n")
print("| ours | ceiling | ours/s | ceiling/s | ratio | target |")
print("|---|---|---:|---:|---:|---|")
floor = by.get("http-floor", {}).get("rps")
for name in ("get", "list", "create", "send"):
    if name in by and floor:
        print(f"| {name} | HTTP floor (liveness) | {by[name]['rps']:.0f} | {floor:.0f} | {ratio(by[name]['rps'], floor)} | |")
if "get" in by and by.get("pgbench-get", {}).get("tps"):
    print(f"| get | pgbench, the SQL of one GET (token, invoice) | {by['get']['rps']:.0f} | {by['pgbench-get']['tps']:.0f} | {ratio(by['get']['rps'], by['pgbench-get']['tps'])} | ≥ 0.5 |")
if "send" in by and "pgbench-send" in by:
    print(f"| send | pgbench, the SQL of one send | {by['send']['rps']:.0f} | {by['pgbench-send']['tps']:.0f} | {ratio(by['send']['rps'], by['pgbench-send']['tps'])} | ≥ 0.5 |")
if "delivery" in by and "smtp-source" in by:
    print(f"| delivery | smtp-source → smtp-sink | {by['delivery']['per_s']:.0f} | {by['smtp-source']['per_s']:.0f} | {ratio(by['delivery']['per_s'], by['smtp-source']['per_s'])} | ≥ 0.5 |")
if "delivery-written" in by and "smtp-source" in by:
    print(f"| delivery, emails already written (no PDF to make) | smtp-source → smtp-sink | {by['delivery-written']['per_s']:.0f} | {by['smtp-source']['per_s']:.0f} | {ratio(by['delivery-written']['per_s'], by['smtp-source']['per_s'])} | |")
if "send-half" in by:
    print(f"\np99 of send at half its peak rate ({by['send-half'].get('rate', '?')}/s): {by['send-half']['p99_ms']:.2f} ms (target < 25 ms)")
s = by.get("startup")
if s:
    print(f"\nstart to first healthy answer (bin/remit, with its class cache): {s['start_ms']} ms (target < 3000 ms); "
          f"the bare jar: {s.get('plain_start_ms', '?')} ms; the first start, training the cache and migrating an empty "
          f"database: {s['first_start_ms']} ms")
    peak = max((r.get("rss_mb") or 0) for r in rows if "rss_mb" in r)
    print(f"\nRSS: {peak} MB at most during the load runs, {s['rss_end_mb']} MB at the end (target < 512 MB)")
for extra in ("delivery", "delivery-written"):
    if extra in by:
        print(f"\n{extra}: {json.dumps(by[extra])}")
