#!/usr/bin/env bash
# kill -9 while COUNT messages (default 5000) are being delivered: after a restart all COUNT arrive,
# none is lost, and duplicates (counted by Message-ID at the SMTP sink) are no more than the
# deliveries that were in flight (db-scheduler executions picked) when the process died.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/kill9}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
COUNT=${COUNT:-5000} PORT=${PORT:-18182} SMTP=${SMTP:-2527}
# a dead instance's executions are taken over after missed heartbeats (6 × this interval)
FAST_RECOVERY="--db-scheduler.heartbeat-interval=2s"
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_kill9
tenant remit_kill9 "$FAULTS_OUT/tenant.txt"
sink_start "$FAULTS_OUT/mail" "$SMTP"
# 1. commit COUNT sends (each an invoice marked sent and a delivery task) with the workers held back
commit_held_sends kill9 "$PORT" remit_kill9 "$SMTP" ""
# 2. a server that delivers the backlog, killed with -9 a third of the way through
remit_start a "$PORT" remit_kill9 "$SMTP" $FAST_RECOVERY
T_DELIVER=$(date +%s.%N)
while [ "$(find "$FAULTS_OUT/mail" -type f | wc -l)" -lt $((COUNT / 3)) ]; do sleep 0.1; done
kill -9 $REMIT_PID
KILLED_AT=$(find "$FAULTS_OUT/mail" -type f | wc -l)
IN_FLIGHT=$(psql_f -d remit_kill9 -c "select count(*) from scheduled_tasks where picked")
RATE=$(python3 -c "print(round($KILLED_AT / ($(date +%s.%N) - $T_DELIVER), 1))")
log "kill9: killed -9 with $KILLED_AT messages received ($RATE/s), $IN_FLIGHT executions picked (in flight)"
wait $REMIT_PID 2>/dev/null || true
# 3. restarted: it takes over the dead executions after missed heartbeats, and delivers the rest
remit_start a2 "$PORT" remit_kill9 "$SMTP" $FAST_RECOVERY
T0=$(date +%s)
until [ "$(undelivered remit_kill9)" = 0 ] && [ "$(find "$FAULTS_OUT/mail" -type f | wc -l)" -ge "$SENT_OK" ]; do
  [ $(( $(date +%s) - T0 )) -gt ${DRAIN_TIMEOUT:-600} ] && { log "kill9: not drained: $(deliveries remit_kill9)"; break; }
  sleep 1
done
sleep 2
read -r TOTAL UNIQUE DUPLICATES < <(mail_count "$FAULTS_OUT/mail")
EXPECTED=$(psql_f -d remit_kill9 -c "select count(*) from delivery")
RESULT="{\"scenario\":\"kill9\",\"messages\":$EXPECTED,\"sends_answered_200\":$SENT_OK,\"received\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"in_flight_at_kill\":$IN_FLIGHT,\"received_before_kill\":$KILLED_AT,\"drain_s\":$(( $(date +%s) - T0 )),\"log\":\"$(deliveries remit_kill9)\"}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$UNIQUE" = "$EXPECTED" ] && [ "$EXPECTED" -ge "$SENT_OK" ] && [ "$DUPLICATES" -le "$IN_FLIGHT" ] || { log "FAILED: kill9"; exit 1; }
log "passed: kill9"
