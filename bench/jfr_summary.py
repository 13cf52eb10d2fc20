#!/usr/bin/env python3
"""Summarizes `jfr print --events jdk.ExecutionSample` output: samples per thread pool, the hottest top
frames, and the frames most often anywhere in the stack (inclusive: a method and everything it calls),
for remit's own code and the libraries it spends in."""
import collections
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
samples = text.split("jdk.ExecutionSample {")[1:]
frame = re.compile(r"^\s+([\w.$<>]+)\(.*line: \d+", re.M)
thread = re.compile(r'sampledThread = "([^"]*)"')
top, inclusive, pools = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    frames = frame.findall(sample)
    if not frames:
        continue
    t = thread.search(sample)
    pools[re.sub(r"\d+", "N", t.group(1)) if t else "?"] += 1
    top[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1
total = max(1, len(samples))
print(f"{len(samples)} execution samples (one per 10 ms of a running thread)")
print("\nby thread:")
for name, n in pools.most_common(8):
    print(f"  {100 * n / total:5.1f}%  {name}")
print("\nhottest top frames:")
for name, n in top.most_common(15):
    print(f"  {100 * n / total:5.1f}%  {name}")
libraries = ("dev.remit.", "com.openhtmltopdf.pdfboxout.PdfRendererBuilder.run", "org.apache.pdfbox.pdmodel.font.PDType0Font.load",
             "org.thymeleaf.TemplateEngine.process", "jakarta.mail.Transport.send", "org.eclipse.angus.mail.smtp.SMTPTransport.sendMessage",
             "org.springframework.jdbc.core.JdbcTemplate.execute", "tools.jackson.databind.ObjectMapper.",
             "com.github.kagkarlsson.scheduler.", "org.apache.catalina.connector.CoyoteAdapter.service")
print("\nin the stack (inclusive), remit's frames and the libraries it spends in:")
shown = 0
for name, n in inclusive.most_common():
    if any(name.startswith(prefix) for prefix in libraries) and "$$" not in name:
        print(f"  {100 * n / total:5.1f}%  {name}")
        shown += 1
        if shown == 40:
            break
