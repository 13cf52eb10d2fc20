# bench/send.sh, sourced by bench/run.sh (its variables and functions: OUT, BASE, DB, SMTP_PORT, JAVA,
# start_remit, stop_remit, rss_mb, log, REMIT_PID): the send path and delivery, each next to its ceiling.
#   send-live:  wrk POST /invoices/{id}/send (action email) at full speed while the workers deliver
#   send:       the same with delivery held back (the send path alone, as pgbench runs the send's SQL
#               alone), then send-half at half that rate, for the p99 target
#   delivery:   the emails those sends queued, drained into the SMTP sink by a restarted remit (each
#               written, HTML and PDF, then sent); delivery-written: copies already written (SMTP alone)
#   (bench/run.sh --phases picks send, delivery or both)
#   smtp:       postfix's smtp-source into the same smtp-sink, with messages of our email's size
#   pgbench:    the statements one send commits (bench/pgbench/send.sql), as fast as PostgreSQL runs them
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d $DB"
sent() { $PG -c "select count(*) from delivery where status = 'sent'"; }
queued() { $PG -c "select count(*) from delivery where status not in ('sent','failed','sandboxed')"; }
wait_drained() {
  local t0=$SECONDS
  until [ "$(queued)" = 0 ]; do [ $((SECONDS - t0)) -gt 1800 ] && break; sleep 1; done
}
wrk_json() { # name script targets
  local name=$1 script=$2 targets=$3
  TARGETS=$targets wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "bench/wrk/$script" "$BASE" \
    > "$OUT/$name.wrk.txt" 2>&1 || true
  tail -1 "$OUT/$name.wrk.txt" | jq -c --arg name "$name" --argjson rss "$(rss_mb)" '. + {name: $name, rss_mb: $rss}' >> "$OUT/results.jsonl"
  log "$name: $(tail -1 "$OUT/results.jsonl")"
}
drain() { # name: how fast the queued emails reach the sink
  local name=$1 s0 t0 s1 t1
  s0=$(sent); t0=$(date +%s.%N)
  wait_drained
  s1=$(sent); t1=$(date +%s.%N)
  echo "{\"name\":\"$name\",\"messages\":$((s1 - s0)),\"seconds\":$(python3 -c "print(round($t1 - $t0, 1))"),\"per_s\":$(python3 -c "print(round(($s1 - $s0) / ($t1 - $t0), 1))"),\"rss_mb\":$(rss_mb)}" >> "$OUT/results.jsonl"
  log "$name: $(tail -1 "$OUT/results.jsonl")"
}

# --- send at full speed while the workers deliver, as in production ----------------------------------
if phase send; then
  wrk_json send-warmup send.lua "$OUT/targets.txt"
  sed -i '$d' "$OUT/results.jsonl"
  wait_drained
  wrk_json send-live send.lua "$OUT/targets.txt"
  wait_drained
fi

# --- the send path alone: delivery held back, at full speed, then at half that rate -----------------
# (each connection waits CONNECTIONS/RATE between requests); the emails stay queued for the drain
jfr_cmd JFR.stop name=bench > /dev/null || true
stop_remit
start_remit send-held --db-scheduler.immediate-execution-enabled=false --db-scheduler.polling-interval=1h
jfr_cmd JFR.start name=send settings=profile filename="$OUT/send.jfr" > /dev/null
wrk_json send-warmup send.lua "$OUT/targets.txt"
sed -i '$d' "$OUT/results.jsonl"
if phase send; then
  wrk_json send send.lua "$OUT/targets.txt"
  PEAK=$(tail -1 "$OUT/results.jsonl" | jq -r '.rps | floor')
  HALF=$(( PEAK / 2 > 0 ? PEAK / 2 : 1 ))
  RATE=$HALF DELAY_MS=$(( CONNECTIONS * 1000 / HALF )) wrk_json send-half send.lua "$OUT/targets.txt"
  tmp=$(mktemp); jq -c --argjson rate "$HALF" 'if .name == "send-half" then . + {rate: $rate} else . end' "$OUT/results.jsonl" > "$tmp" && mv "$tmp" "$OUT/results.jsonl"
else
  # delivery alone: the sends only queue its backlog
  wrk_json send-queue send.lua "$OUT/targets.txt"
fi
jfr_cmd JFR.stop name=send > /dev/null || true
BACKLOG_QUEUED=$(queued)

# --- delivery: what those sends queued, drained by a remit that delivers -----------------------------
# (without the delivery phase the held remit keeps running: its backlog stays queued)
if phase delivery; then
stop_remit
start_remit remit
jfr_cmd JFR.start name=bench settings=profile filename="$OUT/delivery.jfr" > /dev/null
log "delivery: $BACKLOG_QUEUED emails queued by the sends"
drain delivery
# the render cache (page/RenderCache) after the drain: how many of those emails reused a rendering
RENDER=$(curl -s "$BASE/actuator/prometheus" | awk '/^cache_gets_total\{.*cache="remit.render".*result="hit"/ {h += $NF}
  /^cache_gets_total\{.*cache="remit.render".*result="miss"/ {m += $NF} END {printf "{\"hits\":%d,\"misses\":%d}", h, m}')
echo "{\"name\":\"render-cache\",\"after\":\"delivery\",\"gets\":${RENDER:-null}}" >> "$OUT/results.jsonl"
log "render cache: ${RENDER:-not measured}"

# --- delivery of emails already written: BACKLOG SQL copies of a delivered email, with its content ----
BACKLOG=${BACKLOG:-20000}
TEMPLATE=$($PG -c "select id from delivery where channel = 'email' and status = 'sent' and content is not null limit 1")
if [ -n "$TEMPLATE" ]; then
  $PG <<SQL
insert into delivery (id, location_id, invoice_id, channel, message_id, recipients, sandboxed, status, attempts,
    last_error, provider_id, queued_at, last_attempt_at, next_attempt_at, sent_at, payload, content)
select substr(md5('backlog' || g), 1, 24), location_id, invoice_id, channel,
    '<backlog-' || g || '-' || substr(message_id, 2), recipients, sandboxed, 'queued', 0, null, null, now(), null, now(), null,
    payload, content
from delivery, generate_series(1, $BACKLOG) g where id = '$TEMPLATE';
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by, last_success,
    last_failure, consecutive_failures, last_heartbeat, version)
select 'deliver-message', substr(md5('backlog' || g), 1, 24),
    -- the job's data as JSON (dev.remit.jobs): which message of which location, and its retry state
    convert_to(json_build_object('data', json_build_object('locationId', d.location_id,
        'deliveryId', substr(md5('backlog' || g), 1, 24)), 'failures', 0, 'since', d.now, 'due', d.now)::text, 'UTF8'),
    now(), false, null, null, null, 0, null, 1
from (select location_id, to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now
      from delivery where id = '$TEMPLATE') d,
     generate_series(1, $BACKLOG) g;
SQL
  log "delivery-written: a backlog of $BACKLOG written emails queued"
  drain delivery-written
else
  log "delivery-written: no delivered email to copy; not measured"
fi

# --- the SMTP ceiling: smtp-source into the same sink, messages of our email's average size -------
SIZE=$(find "$OUT/mail" -type f -printf '%s\n' | awk 'NR <= 2000 {s += $1; n++} END {print n ? int(s / n) : 20000}')
N=${SMTP_MESSAGES:-20000}
T0=$(date +%s.%N)
/usr/sbin/smtp-source -s 16 -m "$N" -l "$SIZE" -f bench@remit.example -t customer@customer.example "127.0.0.1:$SMTP_PORT"
T1=$(date +%s.%N)
echo "{\"name\":\"smtp-source\",\"messages\":$N,\"size\":$SIZE,\"seconds\":$(python3 -c "print(round($T1 - $T0, 2))"),\"per_s\":$(python3 -c "print(round($N / ($T1 - $T0), 1))")}" >> "$OUT/results.jsonl"
log "smtp ceiling: $(tail -1 "$OUT/results.jsonl")"

fi

# --- the PostgreSQL ceiling: the statements of one send, by pgbench, over the same invoices of the same
#     locations as wrk's sends (one location would make its rate-limit rows the bottleneck) -------------
if phase send; then
awk '{print $1 "\t" $3 "\t" $4}' "$OUT/targets.txt" > "$OUT/pgbench-invoices.txt"
PGB_INVOICES=$(wc -l < "$OUT/pgbench-invoices.txt")
PAYLOAD=$($PG -c "select coalesce(avg(length(payload))::int, 8000) from delivery where channel = 'email'")
$PG -c "drop table if exists bench_invoice" \
    -c "create table bench_invoice (n serial primary key, location_id varchar(24), user_id varchar(24), id varchar(24))" \
    -c "\\copy bench_invoice (location_id, user_id, id) from '$OUT/pgbench-invoices.txt'" \
    -c "insert into rate_limit_window (resource_id, window_kind, window_start, hits)
        select distinct location_id, k, 1, 0 from bench_invoice, (values ('burst'), ('day')) w(k) on conflict do nothing"
pgbench -h 127.0.0.1 -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" -M prepared \
  -D invoices="$PGB_INVOICES" -D payload="$PAYLOAD" -f bench/pgbench/send.sql "$DB" > "$OUT/pgbench-send.txt" 2>&1 || true
$PG -c "delete from delivery where channel = 'pgbench'" -c "delete from scheduled_tasks where task_name = 'pgbench-send'"
TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-send.txt" | head -1)
LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench-send.txt")
echo "{\"name\":\"pgbench-send\",\"tps\":${TPS:-0},\"latency_avg_ms\":${LAT:-0}}" >> "$OUT/results.jsonl"
log "pgbench ceiling: $(tail -1 "$OUT/results.jsonl")"
fi
