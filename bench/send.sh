#!/usr/bin/env bash
# bench/send.sh OUT BASE DB SMTP_PORT: the send path and delivery, each next to its ceiling.
#   send:      wrk POST /invoices/{id}/send (action email) at full speed, then at half that rate
#   pgbench:   the statements one send commits (bench/pgbench/send.sql), as fast as PostgreSQL runs them
#   delivery:  how fast the queued messages reach the SMTP sink (a backlog, drained)
#   smtp:      postfix's smtp-source into the same smtp-sink, with messages of our email's size
# Called by bench/run.sh (its environment: DURATION, CONNECTIONS, THREADS).
set -euo pipefail
OUT=$1 BASE=$2 DB=$3 SMTP_PORT=$4
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d $DB"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }
REMIT_PID=${REMIT_PID:?bench/run.sh exports it}
rss_mb() { echo $(( $(ps -o rss= -p "$REMIT_PID") / 1024 )); }
sent() { $PG -c "select count(*) from delivery where status = 'sent'"; }
queued() { $PG -c "select count(*) from delivery where status not in ('sent','failed','sandboxed')"; }
wait_drained() {
  local t0=$SECONDS
  until [ "$(queued)" = 0 ]; do [ $((SECONDS - t0)) -gt 900 ] && break; sleep 1; done
}
wrk_json() { # name script targets [extra env]
  local name=$1 script=$2 targets=$3
  TARGETS=$targets wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "bench/wrk/$script" "$BASE" \
    > "$OUT/$name.wrk.txt" 2>&1 || true
  tail -1 "$OUT/$name.wrk.txt" | jq -c --arg name "$name" --argjson rss "$(rss_mb)" '. + {name: $name, rss_mb: $rss}' >> "$OUT/results.jsonl"
  log "$name: $(tail -1 "$OUT/results.jsonl")"
}

# --- send at full speed (deliveries run at the same time, as they would) -------------------------
wrk_json send-warmup send.lua "$OUT/targets.txt"
sed -i '$d' "$OUT/results.jsonl"
wait_drained
wrk_json send send.lua "$OUT/targets.txt"
PEAK=$(tail -1 "$OUT/results.jsonl" | jq -r '.rps | floor')
wait_drained

# --- send at half the peak rate: each connection waits CONNECTIONS/RATE between requests ----------
HALF=$(( PEAK / 2 > 0 ? PEAK / 2 : 1 ))
RATE=$HALF DELAY_MS=$(( CONNECTIONS * 1000 / HALF )) wrk_json send-half send.lua "$OUT/targets.txt"
tmp=$(mktemp); jq -c --argjson rate "$HALF" 'if .name == "send-half" then . + {rate: $rate} else . end' "$OUT/results.jsonl" > "$tmp" && mv "$tmp" "$OUT/results.jsonl"
wait_drained

# --- delivery: a backlog of BACKLOG messages (SQL copies of a real delivery row and its db-scheduler task:
#     queueing them through the API would measure send again), drained into the sink. Twice: as a send
#     queues them (pending: the worker writes each email, HTML and PDF, then sends it), and already written
#     (the delivery pipeline and SMTP alone).
BACKLOG=${BACKLOG:-20000}
TEMPLATE=$($PG -c "select id from delivery where channel = 'email' and status = 'sent' and content is not null limit 1")
backlog() { # name content-expression
  local name=$1 content=$2
  $PG <<SQL
insert into delivery (id, location_id, invoice_id, channel, message_id, recipients, sandboxed, status, attempts,
    last_error, provider_id, queued_at, last_attempt_at, next_attempt_at, sent_at, payload, content)
select substr(md5('$name' || g), 1, 24), location_id, invoice_id, channel,
    '<$name-' || g || '-' || substr(message_id, 2), recipients, sandboxed, 'queued', 0, null, null, now(), null, now(), null,
    payload, $content
from delivery, generate_series(1, $BACKLOG) g where id = '$TEMPLATE';
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by, last_success,
    last_failure, consecutive_failures, last_heartbeat, version)
select 'deliver-message', substr(md5('$name' || g), 1, 24),
    -- the task's data is the location id as a serialized Java String (db-scheduler's default serializer)
    decode('aced0005740018' || encode(convert_to(d.location_id, 'UTF8'), 'hex'), 'hex'), now(), false, null, null, null, 0, null, 1
from (select location_id from delivery where id = '$TEMPLATE') d,
     generate_series(1, $BACKLOG) g;
SQL
  log "$name: a backlog of $BACKLOG messages queued"
  local s0 t0 s1 t1
  s0=$(sent); t0=$(date +%s.%N)
  wait_drained
  s1=$(sent); t1=$(date +%s.%N)
  echo "{\"name\":\"$name\",\"messages\":$((s1 - s0)),\"seconds\":$(python3 -c "print(round($t1 - $t0, 1))"),\"per_s\":$(python3 -c "print(round(($s1 - $s0) / ($t1 - $t0), 1))"),\"rss_mb\":$(rss_mb)}" >> "$OUT/results.jsonl"
  log "$name: $(tail -1 "$OUT/results.jsonl")"
}
if [ -n "$TEMPLATE" ]; then
  backlog delivery null
  backlog delivery-written content
else
  log "delivery: no delivered email to copy; backlog not measured"
fi

# --- the SMTP ceiling: smtp-source into the same sink, messages of our email's average size -------
SIZE=$(find "$OUT/mail" -type f -printf '%s\n' | awk 'NR <= 2000 {s += $1; n++} END {print n ? int(s / n) : 20000}')
N=${SMTP_MESSAGES:-20000}
T0=$(date +%s.%N)
/usr/sbin/smtp-source -s 16 -m "$N" -l "$SIZE" -f bench@remit.example -t customer@customer.example "127.0.0.1:$SMTP_PORT"
T1=$(date +%s.%N)
echo "{\"name\":\"smtp-source\",\"messages\":$N,\"size\":$SIZE,\"seconds\":$(python3 -c "print(round($T1 - $T0, 2))"),\"per_s\":$(python3 -c "print(round($N / ($T1 - $T0), 1))")}" >> "$OUT/results.jsonl"
log "smtp ceiling: $(tail -1 "$OUT/results.jsonl")"

# --- the PostgreSQL ceiling: the statements of one send, by pgbench ---------------------------------
LOC=$(awk 'NR==1{print $1}' "$OUT/targets.txt")
$PG -F' ' -c "select id from invoice where location_id = '$LOC' limit 1000" > "$OUT/pgbench-invoices.txt"
PGB_INVOICES=$(wc -l < "$OUT/pgbench-invoices.txt")
PAYLOAD=$($PG -c "select coalesce(avg(length(payload))::int, 8000) from delivery where channel = 'email'")
$PG -c "create table if not exists bench_invoice (n serial primary key, id varchar(24))" \
    -c "truncate bench_invoice" -c "\\copy bench_invoice (id) from '$OUT/pgbench-invoices.txt'" \
    -c "insert into rate_limit_window (resource_id, window_kind, window_start, hits) values ('$LOC', 'burst', 1, 0), ('$LOC', 'day', 1, 0) on conflict do nothing"
pgbench -h 127.0.0.1 -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" -M prepared \
  -D location="$LOC" -D user="$(awk 'NR==1{print $3}' "$OUT/targets.txt")" -D invoices="$PGB_INVOICES" -D payload="$PAYLOAD" -f bench/pgbench/send.sql "$DB" > "$OUT/pgbench-send.txt" 2>&1 || true
$PG -c "delete from delivery where channel = 'pgbench'" -c "delete from scheduled_tasks where task_name = 'pgbench-send'"
TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-send.txt" | head -1)
LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench-send.txt")
echo "{\"name\":\"pgbench-send\",\"tps\":${TPS:-0},\"latency_avg_ms\":${LAT:-0}}" >> "$OUT/results.jsonl"
log "pgbench ceiling: $(tail -1 "$OUT/results.jsonl")"
