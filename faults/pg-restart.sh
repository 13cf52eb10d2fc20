#!/usr/bin/env bash
# PostgreSQL restarted under load: remit reports not-ready while it is down, then ready again by
# itself (no restart of remit), and every request answered 200 had its write committed.
# PostgreSQL is down for PG_OUTAGE seconds (default 10) under SECONDS_LOAD (default: the outage + 30 s) of
# creates from 4 threads, so that the load goes on after PostgreSQL is back; readiness then has up to
# READY_TIMEOUT seconds (default 60) to come back.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/pg-restart}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
OUTAGE=${PG_OUTAGE:-10} PORT=${PORT:-18181}
LOAD=${SECONDS_LOAD:-$((OUTAGE + 30))}
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_pgrestart
tenant remit_pgrestart "$FAULTS_OUT/tenant.txt"
remit_start a "$PORT" remit_pgrestart 2599

( while true; do
    echo "$(date +%s.%N) $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")"
    sleep 0.1
  done ) > "$FAULTS_OUT/readiness.txt" &
POLLER=$!; PIDS+=($POLLER)

python3 "$(dirname "$0")/driver.py" "http://127.0.0.1:$PORT" "$FAULTS_OUT/tenant.txt" 100000000 "$FAULTS_OUT/load" \
  --threads 4 --seconds "$LOAD" > "$FAULTS_OUT/load.json" &
DRIVER=$!
sleep $((LOAD / 4))
log "stopping PostgreSQL under load"
DOWN_AT=$(date +%s.%N)
pg_stop fast
sleep "$OUTAGE"
pg_start
UP_AT=$(date +%s.%N)
log "PostgreSQL back after $OUTAGE s"
wait $DRIVER
# readiness answers once the pool has a connection again: a probe waiting for one when PostgreSQL came
# back can take up to the pool's connection timeout
T0=$(date +%s)
until [ "$(tail -1 "$FAULTS_OUT/readiness.txt" | cut -d' ' -f2)" = 200 ] || [ $(( $(date +%s) - T0 )) -ge ${READY_TIMEOUT:-60} ]; do
  sleep 0.5
done
sleep 1
kill $POLLER 2>/dev/null || true

# every 200 committed?
cut -d' ' -f1 "$FAULTS_OUT/load.ok" > "$FAULTS_OUT/ok-ids.txt"
MISSING=$(psql_f -d remit_pgrestart <<SQL
create temp table ok (id varchar(24));
\copy ok from '$FAULTS_OUT/ok-ids.txt'
select count(*) from ok left join invoice i on i.id = ok.id where i.id is null;
SQL
)
OK=$(wc -l < "$FAULTS_OUT/ok-ids.txt")
NOT_READY=$(awk -v d="$DOWN_AT" '$1 >= d && $2 != 200' "$FAULTS_OUT/readiness.txt" | wc -l)
READY_AGAIN=$(awk -v u="$UP_AT" '$1 >= u && $2 == 200 {print $1; exit}' "$FAULTS_OUT/readiness.txt")
LAST=$(tail -1 "$FAULTS_OUT/readiness.txt" | cut -d' ' -f2)
RECOVERY=$(python3 -c "print(round(${READY_AGAIN:-0} - $UP_AT, 1) if '${READY_AGAIN}' else 'never')")
RESULT="{\"scenario\":\"pg-restart\",\"answered_200\":$OK,\"committed_missing\":$MISSING,\"not_ready_probes\":$NOT_READY,\"ready_again_s_after_pg_up\":\"$RECOVERY\",\"last_readiness\":$LAST,\"load\":$(cat "$FAULTS_OUT/load.json")}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$MISSING" = 0 ] && [ "$NOT_READY" -gt 0 ] && [ "$LAST" = 200 ] && [ "$OK" -gt 0 ] || { log "FAILED: pg-restart"; exit 1; }
log "passed: pg-restart"
