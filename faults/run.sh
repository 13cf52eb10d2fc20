#!/usr/bin/env bash
# faults/run.sh: every fault scenario against the real jar, a private PostgreSQL, an smtp-sink and a fake Twilio.
#   faults/run.sh               # CI's counts: 500 messages, a 20 s SMTP outage (about 8 minutes), 20 s of Twilio errors
#   FULL=1 faults/run.sh        # issue 7's counts: 5,000 messages, a 60 s SMTP outage (about 40 minutes), 60 s of Twilio errors
# (the times were measured before twilio-errors.sh was added, and do not include it)
# The delivery scenarios need POST /invoices/{id}/send; on a build without it they are skipped, and say so.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/sbin/smtp-sink ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null; }
[ -s "${JAR:-target/remit.jar}" ] || mvn -q -B -DskipTests package
if [ "${FULL:-0}" = 1 ]; then export COUNT=5000 OUTAGE=60; else export COUNT=${COUNT:-500} OUTAGE=${OUTAGE:-20}; fi
status=0
faults/pg-restart.sh || status=1
if unzip -l "${JAR:-target/remit.jar}" | grep -q "dev/remit/send/SendController.class"; then
  faults/kill9.sh || status=1
  faults/two-instances.sh || status=1
  faults/smtp-outage.sh || status=1
  faults/twilio-errors.sh || status=1
else
  echo "faults: this build has no send endpoint; kill9, two-instances, smtp-outage and twilio-errors skipped"
fi
cat faults/out/*/result.json 2>/dev/null || true
exit $status
