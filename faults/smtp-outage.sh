#!/usr/bin/env bash
# The SMTP server down for OUTAGE seconds (default 60) in the middle of delivering COUNT messages
# (default 5000), then back: the backlog drains and nothing is lost. Retries back off from 5 s to
# at most 20 s here (remit's defaults: 30 s to 1 h) so that the drain is quick to watch.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/smtp-outage}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
COUNT=${COUNT:-5000} OUTAGE=${OUTAGE:-60} PORT=${PORT:-18185} SMTP=${SMTP:-2529}
BACKOFF="--remit.delivery.initial-backoff=5s --remit.delivery.max-backoff=20s"
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_smtp
tenant remit_smtp "$FAULTS_OUT/tenant.txt"
sink_start "$FAULTS_OUT/mail" "$SMTP"
commit_held_sends smtp-outage "$PORT" remit_smtp "$SMTP" ""
remit_start a "$PORT" remit_smtp "$SMTP" $BACKOFF
while [ "$(find "$FAULTS_OUT/mail" -type f | wc -l)" -lt $((COUNT / 4)) ]; do sleep 0.1; done
kill -9 $SINK_PID; wait $SINK_PID 2>/dev/null || true
BEFORE=$(find "$FAULTS_OUT/mail" -type f | wc -l)
log "smtp-outage: SMTP down with $BEFORE received; down for $OUTAGE s"
sleep "$OUTAGE"
DURING=$(deliveries remit_smtp)
log "smtp-outage: delivery log before SMTP returns: $DURING"
sink_start "$FAULTS_OUT/mail" "$SMTP"
T0=$(date +%s.%N)
wait_drained remit_smtp "$T0"
DRAIN=$(python3 -c "print(round($(date +%s.%N) - $T0, 1))")
sleep 2
read -r TOTAL UNIQUE DUPLICATES < <(mail_count "$FAULTS_OUT/mail")
EXPECTED=$(psql_f -d remit_smtp -c "select count(*) from delivery")
RETRIED=$(psql_f -d remit_smtp -c "select count(*) from delivery where attempts > 1")
RESULT="{\"scenario\":\"smtp-outage\",\"messages\":$EXPECTED,\"sends_answered_200\":$SENT_OK,\"received_before_outage\":$BEFORE,\"outage_s\":$OUTAGE,\"received\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"retried\":$RETRIED,\"drain_after_smtp_back_s\":$DRAIN,\"log_during_outage\":\"$DURING\",\"log\":\"$(deliveries remit_smtp)\"}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
# a message the sink had taken when it was killed, before it answered, is sent again: at most one per connection
[ "$UNIQUE" = "$EXPECTED" ] && [ "$EXPECTED" = "$SENT_OK" ] && [ "$DUPLICATES" -le 16 ] || { log "FAILED: smtp-outage"; exit 1; }
log "passed: smtp-outage"
