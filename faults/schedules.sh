#!/usr/bin/env bash
# Recurring schedules under two instances and kill -9 (issue 13): SCHEDULES live schedules (default 300)
# over four locations in four time zones, each minutely (the shortest rule there is) with three occurrences,
# M1 to M3, one minute apart in real time. Two instances generate M1 together and are both killed with -9 a
# third of the way through it; they stay down across M2, start again after it, and generate the rest
# together: the M1s left undone collapse into M2 (docs/schedules.md, "Missed occurrences"), then M3.
# Rule (faults/schedules.py check): every schedule completed; each occurrence generated at most once, with
# one invoice and one email at smtp-sink; the ones missed while down collapsed into the latest due, none
# generated late or twice, none skipped while an instance ran; duplicates of an email (SMTP's
# at-least-once edge) no more than the deliveries in flight at the kill.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/schedules}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
SCHEDULES=${SCHEDULES:-300} PORT_A=${PORT_A:-18241} PORT_B=${PORT_B:-18242} SMTP=${SMTP:-2561}
OCCURRENCES=3
ZONES=(UTC America/Chicago Asia/Kolkata Asia/Kathmandu)
# a dead instance's executions are taken over after missed heartbeats (6 × this interval)
FAST_RECOVERY="--db-scheduler.heartbeat-interval=2s"
DB=remit_schedules
T_START=$(date +%s)
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"

# locations_with_agency_token DB FILE ZONE...: one company, a location in each time zone, and an agency
# token for them all; FILE gets the token on its first line, then "locationId zone" per location
locations_with_agency_token() {
  local db=$1 file=$2 admin company token zone loc; shift 2
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
  admin="$JAVA -jar $JAR admin"
  company=$($admin company create --name "Schedules Co" 2>/dev/null | tail -1)
  token=$($admin token create --kind agency --company "$company" --label faults 2>/dev/null | sed -n 's/^token: *//p')
  echo "$token" > "$file"
  for zone in "$@"; do
    loc=$($admin location create --company "$company" --name "Schedules $zone" --time-zone "$zone" 2>/dev/null | tail -1)
    echo "$loc $zone" >> "$file"
  done
  unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
}
occurrences_done() { psql_f -d $DB -c "select count(*) from invoice_schedule_occurrence"; }
epoch() { date +%s.%N; }

# a port another process holds would answer for remit or the sink
for port in $PORT_A $PORT_B $SMTP; do
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && { log "FAILED: schedules (port $port is taken)"; exit 1; }
done
pg_start; fresh_db $DB
sink_start "$FAULTS_OUT/mail" "$SMTP"
# the instances start while the admin command line makes the locations (Flyway's lock takes turns)
remit_launch a "$PORT_A" $DB "$SMTP" $FAST_RECOVERY; A=$REMIT_PID
remit_launch b "$PORT_B" $DB "$SMTP" $FAST_RECOVERY; B=$REMIT_PID
locations_with_agency_token $DB "$FAULTS_OUT/locations.txt" "${ZONES[@]}"
remit_wait a "$PORT_A" $A; remit_wait b "$PORT_B" $B
log "schedules: setup took $(( $(date +%s) - T_START )) s"

# 1. the schedules, through both instances, starting at the first minute far enough ahead to make them all
FIRST=$(( ($(date +%s) + 10 + SCHEDULES / 10 + 59) / 60 * 60 ))
python3 "$(dirname "$0")/schedules.py" create "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" \
  "$FAULTS_OUT/locations.txt" "$SCHEDULES" "$FIRST" $OCCURRENCES "$FAULTS_OUT/schedules" > "$FAULTS_OUT/create.json"
MADE=$(wc -l < "$FAULTS_OUT/schedules.ok")
log "schedules: $MADE of $SCHEDULES scheduled ($(cat "$FAULTS_OUT/create.json")), M1 at $(date -u -d @$FIRST +%H:%M:%S)"
[ "$MADE" = "$SCHEDULES" ] || { log "FAILED: schedules (not all scheduled)"; exit 1; }
# one scheduled after M1 starts at M2 (its M1 is past when it is scheduled): the rules still hold
[ "$(date +%s)" -lt "$FIRST" ] || log "schedules: the last were scheduled after M1"

# 2. both instances generate M1; both are killed with -9 a third of the way through it
until [ "$(occurrences_done)" -ge $((SCHEDULES / 3)) ]; do
  [ "$(date +%s)" -gt $((FIRST + 50)) ] && { log "FAILED: schedules (M1 not a third generated 50 s after its time)"; exit 1; }
  sleep 0.05
done
kill -9 $A $B
KILLED_AT=$(epoch)
wait $A $B 2>/dev/null || true
AT_KILL=$(occurrences_done)
psql_f -d $DB -c "select schedule_id, occurrence from invoice_schedule_occurrence" > "$FAULTS_OUT/at-kill.txt"
psql_f -d $DB -c "select count(*) from scheduled_tasks where task_name = 'deliver-message' and picked" > "$FAULTS_OUT/in-flight.txt"
log "schedules: both killed -9 $(python3 -c "print(round($KILLED_AT - $FIRST, 1))") s after M1 with $AT_KILL of $SCHEDULES generated, $(cat "$FAULTS_OUT/in-flight.txt") deliveries in flight"

# 3. down across M2; started again just after it: each schedule's next run finds M2 due (and, where M1 was
#    not generated, M1 too: collapsed into M2); then M3, with both instances
while [ "$(date +%s)" -lt $((FIRST + 61)) ]; do sleep 0.2; done
remit_launch a2 "$PORT_A" $DB "$SMTP" $FAST_RECOVERY; A=$REMIT_PID
remit_launch b2 "$PORT_B" $DB "$SMTP" $FAST_RECOVERY; B=$REMIT_PID
remit_wait a2 "$PORT_A" $A; remit_wait b2 "$PORT_B" $B
RESTARTED_AT=$(epoch)
log "schedules: restarted, ready $(python3 -c "print(round($RESTARTED_AT - $FIRST - 60, 1))") s after M2"
[ "$(python3 -c "print(int($RESTARTED_AT < $FIRST + 115))")" = 1 ] || log "schedules: the restart took until M3 (nothing was due alone at M2)"

# 4. until every schedule has completed and every email is delivered
T0=$(date +%s)
until [ "$(psql_f -d $DB -c "select count(*) from invoice_schedule where status <> 'completed'")" = 0 ] \
    && [ "$(undelivered $DB)" = 0 ]; do
  [ $(( $(date +%s) - T0 )) -gt ${DRAIN_TIMEOUT:-300} ] && { log "schedules: not done: $(deliveries $DB)"; break; }
  sleep 0.5
done
DONE_AFTER_M3=$(python3 -c "print(round($(epoch) - $FIRST - 120, 1))")
sleep 2
mail_count "$FAULTS_OUT/mail" > /dev/null
psql_f -d $DB -c "select id, status from invoice_schedule" > "$FAULTS_OUT/db-schedules.txt"
psql_f -d $DB -c "select schedule_id, occurrence, invoice_id, extract(epoch from created_at) from invoice_schedule_occurrence" \
  > "$FAULTS_OUT/db-occurrences.txt"
psql_f -d $DB -c "select id, status from invoice" > "$FAULTS_OUT/db-invoices.txt"
psql_f -d $DB -c "select invoice_id, message_id, status from delivery where channel = 'email'" > "$FAULTS_OUT/db-emails.txt"
STATUS=0
JUDGED=$(python3 "$(dirname "$0")/schedules.py" check "$FAULTS_OUT" "$FIRST" $OCCURRENCES "$RESTARTED_AT" \
  2> "$FAULTS_OUT/problems.txt") || STATUS=1
[ -n "$JUDGED" ] || JUDGED='{"scenario":"schedules","judge":"crashed"}'
RESULT="${JUDGED%\}},\"locations\":${#ZONES[@]},\"killed_s_after_m1\":$(python3 -c "print(round($KILLED_AT - $FIRST, 1))"),\"done_s_after_m3\":$DONE_AFTER_M3,\"log\":\"$(deliveries $DB)\",\"script_s\":$(( $(date +%s) - T_START ))}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$STATUS" = 0 ] || { head -20 "$FAULTS_OUT/problems.txt"; log "FAILED: schedules"; exit 1; }
log "passed: schedules"
