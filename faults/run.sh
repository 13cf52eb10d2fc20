#!/usr/bin/env bash
# faults/run.sh: every fault scenario against the real jar, a private PostgreSQL, an smtp-sink and a fake Twilio.
#   FULL=1 faults/run.sh        # issue 7's counts: 5,000 messages, 60 s outages (about 10 minutes on 2 cores); .ci/run runs this
#   faults/run.sh               # small counts: 500 messages, 20 s outages
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/sbin/smtp-sink ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null; }
[ -s "${JAR:-target/remit.jar}" ] || mvn -q -B -DskipTests package
if [ "${FULL:-0}" = 1 ]; then export COUNT=5000 OUTAGE=60; else export COUNT=${COUNT:-500} OUTAGE=${OUTAGE:-20}; fi
status=0
rm -rf faults/out/*/
faults/pg-restart.sh || status=1
faults/kill9.sh || status=1
faults/two-instances.sh || status=1
faults/smtp-outage.sh || status=1
faults/twilio-errors.sh || status=1
faults/webhooks.sh || status=1
faults/latefees-reminders.sh || status=1
faults/schedules.sh || status=1
cat faults/out/*/result.json 2>/dev/null || true
exit $status
