#!/usr/bin/env bash
# Two instances on one PostgreSQL deliver COUNT messages (default 5000): each exactly once. Sends
# are committed through both instances with delivery held back, then both deliver the backlog
# together; the SMTP sink counts Message-IDs, and each instance's metrics say how many it sent.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/two-instances}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
COUNT=${COUNT:-5000} PORT_A=${PORT_A:-18183} PORT_B=${PORT_B:-18184} SMTP=${SMTP:-2528}
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_two
tenant remit_two "$FAULTS_OUT/tenant.txt"
sink_start "$FAULTS_OUT/mail" "$SMTP"
remit_start hold-a "$PORT_A" remit_two "$SMTP" $HOLD; A=$REMIT_PID
remit_start hold-b "$PORT_B" remit_two "$SMTP" $HOLD; B=$REMIT_PID
log "two-instances: committing $COUNT sends through both instances"
python3 "$(dirname "$0")/driver.py" "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" "$FAULTS_OUT/tenant.txt" "$COUNT" \
  "$FAULTS_OUT/send" --send --threads 4 > "$FAULTS_OUT/send.json"
SENT_OK=$(wc -l < "$FAULTS_OUT/send.ok")
log "two-instances: $(cat "$FAULTS_OUT/send.json")"
kill $A $B; wait $A $B 2>/dev/null || true
# both start together: neither has the backlog to itself
T0=$(date +%s.%N)
remit_launch a "$PORT_A" remit_two "$SMTP"; A=$REMIT_PID
remit_launch b "$PORT_B" remit_two "$SMTP"; B=$REMIT_PID
remit_wait a "$PORT_A" $A; remit_wait b "$PORT_B" $B
wait_drained remit_two "$T0"
DRAIN=$(python3 -c "print(round($(date +%s.%N) - $T0, 1))")
sleep 2
sent_by() { curl -s "http://127.0.0.1:$1/actuator/prometheus" | awk '/^remit_delivery_messages_total/ && /status="sent"/ {s += $2} END {print s + 0}'; }
BY_A=$(sent_by "$PORT_A"); BY_B=$(sent_by "$PORT_B")
read -r TOTAL UNIQUE DUPLICATES < <(mail_count "$FAULTS_OUT/mail")
EXPECTED=$(psql_f -d remit_two -c "select count(*) from delivery")
RESULT="{\"scenario\":\"two-instances\",\"messages\":$EXPECTED,\"sends_answered_200\":$SENT_OK,\"received\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"sent_by_a\":$BY_A,\"sent_by_b\":$BY_B,\"drain_s\":$DRAIN,\"per_s\":$(python3 -c "print(round($TOTAL / $DRAIN, 1))")}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$TOTAL" = "$EXPECTED" ] && [ "$UNIQUE" = "$EXPECTED" ] && [ "$EXPECTED" = "$SENT_OK" ] || { log "FAILED: two-instances"; exit 1; }
log "passed: two-instances"
