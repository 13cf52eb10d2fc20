#!/usr/bin/env python3
"""Summarizes `jfr print --events jdk.ExecutionSample` output: the hottest top frames, the hottest
remit frames (the first dev.remit frame of each stack), and the share of samples per package."""
import collections
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
samples = text.split("jdk.ExecutionSample {")[1:]
top = collections.Counter()
remit = collections.Counter()
packages = collections.Counter()
frame = re.compile(r"^\s+([\w.$<>]+)\(.*line: \d+", re.M)
for sample in samples:
    frames = frame.findall(sample)
    if not frames:
        continue
    top[frames[0]] += 1
    packages[".".join(frames[0].split(".")[:3])] += 1
    for f in frames:
        if f.startswith("dev.remit."):
            remit[f] += 1
            break
total = max(1, len(samples))
print(f"{len(samples)} execution samples")
print("\nhottest top frames:")
for name, n in top.most_common(25):
    print(f"  {100 * n / total:5.1f}%  {name}")
print("\ntop frames by package:")
for name, n in packages.most_common(15):
    print(f"  {100 * n / total:5.1f}%  {name}")
print("\nnearest remit frame (where remit's code spends, itself or below):")
for name, n in remit.most_common(20):
    print(f"  {100 * n / total:5.1f}%  {name}")
