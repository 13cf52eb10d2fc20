#!/usr/bin/env bash
# bench/durable.sh: remit's durable work (issue 13, issue 16) with N jobs due at the same moment, next to
# pgbench running the SQL one of them executes, in one run.
#
#   bench/durable.sh                       # schedules: 10,000 occurrences across 100 locations; late fees,
#                                          # reminders and webhooks: 5,000 each (about 15 minutes idle)
#   QUICK=1 bench/durable.sh               # 1,000 / 500, shorter pgbench runs (a few minutes)
#   bench/durable.sh --kinds schedules     # only some kinds (or KINDS=schedules,latefees,reminders,webhooks)
#
# How: remit (bin/remit, as bench/run.sh starts it) on a fresh database remit_durable, SMTP into postfix's
# smtp-sink, webhooks into faults/webhook_receiver.py. One location, its user and token come from
# `remit admin`; LOCS-1 more locations are SQL copies of it. With the job scheduler held back
# (polling every hour, no immediate execution), one of each kind is made through the API the way a
# client makes it: a monthly schedule, scheduled (its occurrence job planned by the app); a sent invoice
# with a one-time late fee; a sent invoice with a reminder; an invoice event to a webhook subscription.
# Each of those rows and its job (scheduled_tasks) is kept as a template, and the template jobs removed.
# Then remit restarts normally and, kind by kind, N SQL copies of the template (new ids, spread over
# the LOCS locations) are inserted in one transaction with their jobs due at one instant T; the time
# from T until all N are done (the invoices, fees, reminders, webhooks exist; their emails reached the
# sink) is the measurement. A last pass turns log_statement = all on for the database, restarts remit
# and runs LOG_N of each kind: the statements per job, counted from the log (bench/durable_statements.py;
# no thundering herd: constant per job, the scheduler's polls batched), and the pgbench script of one
# job made from it (bench/durable_pgbench.py; bench/pgbench/durable-<kind>.sql keeps a copy, used when
# there is no logged pass). Then, remit stopped, pgbench runs that script on the same data: the ceiling.
# Results: bench/out/durable-<time>/ (durable.jsonl, statements-<kind>.txt, progress, logs) and summary.md.
# Settings (environment): N (schedules), M (each other kind), LOCS (100), LOG_N (the logged passes' sizes: "200 2000"; QUICK "100 400"; 0: none), PGBENCH_S (20; QUICK 5),
# CLIENTS (pgbench clients: 8, db-scheduler's threads), PORT (18090), SMTP_PORT (2535), HOOK_PORT (18091),
# DB (remit_durable), JAVA, JAR, SKIP_BUILD=1, TIMEOUT (seconds a kind may take, 1800).
set -euo pipefail
KINDS=${KINDS:-schedules,latefees,reminders,webhooks}
while [ $# -gt 0 ]; do
  case $1 in
    --kinds) KINDS=$2; shift 2 ;;
    --kinds=*) KINDS=${1#--kinds=}; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
kind() { [[ ",$KINDS," == *",$1,"* ]]; }
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=${QUICK:-0}
N=${N:-$([ "$QUICK" = 1 ] && echo 1000 || echo 10000)}
M=${M:-$([ "$QUICK" = 1 ] && echo 500 || echo 5000)}
LOCS=${LOCS:-100}
LOG_N=${LOG_N:-$([ "$QUICK" = 1 ] && echo "100 400" || echo "200 2000")}
PGBENCH_S=${PGBENCH_S:-$([ "$QUICK" = 1 ] && echo 5 || echo 20)}
CLIENTS=${CLIENTS:-8}
PORT=${PORT:-18090}
SMTP_PORT=${SMTP_PORT:-2535}
HOOK_PORT=${HOOK_PORT:-18091}
DB=${DB:-remit_durable}
TIMEOUT=${TIMEOUT:-1800}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2[5-9]*/bin/java 2>/dev/null | sort -V | tail -1)}
JAVA=${JAVA:-java}
JAR=${JAR:-target/remit.jar}
export PGOPTIONS="-c client_min_messages=warning"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d $DB"
PGLOG=${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1)}
OUT=${OUT:-bench/out/durable-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BASE="http://127.0.0.1:$PORT"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }
result() { echo "$1" >> "$OUT/durable.jsonl"; log "$(echo "$1" | cut -c1-400)"; }

need=()
[ -x /usr/sbin/smtp-sink ] || need+=(postfix)
command -v pgbench >/dev/null || need+=(postgresql-contrib)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} from Debian"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start

{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpus: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "other java processes: $(pgrep -c java || true)"
  echo "jdk: $($JAVA -version 2>&1 | head -1)"
  echo "postgresql: $(psql -h 127.0.0.1 -U postgres -qAt -c 'show server_version')"
  echo "kinds: $KINDS; N=$N (schedules), M=$M (others), LOCS=$LOCS, LOG_N=$LOG_N"
  echo "jar: $JAR"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" | tee -a "$OUT/run.log"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building target/remit.jar"
  nice mvn -q -B -o -DskipTests package 2>/dev/null || nice mvn -q -B -DskipTests package
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qAt -c "alter database $DB reset log_statement" >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$OUT/mail" && chmod 777 "$OUT/mail"
/usr/sbin/smtp-sink -u nobody -d "$OUT/mail/" -m 512 "127.0.0.1:$SMTP_PORT" 1024 &
PIDS+=($!)
: > "$OUT/webhooks-received.txt"
python3 faults/webhook_receiver.py "$HOOK_PORT" "$OUT/webhooks-received.txt" &
PIDS+=($!)

psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d postgres -c "drop database if exists $DB" -c "create database $DB"
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT REMIT_MAIL_FROM_ADDRESS=invoices@remit.example
export REMIT_PUBLIC_BASE_URL="http://localhost:$PORT" REMIT_DATA_DIR="$OUT/data" SERVER_PORT=$PORT
export REMIT_RATE_LIMIT_BURST_MAX=1000000000 REMIT_RATE_LIMIT_DAILY_MAX=1000000000
export REMIT_BOOTSTRAP_ENABLED=false REMIT_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true

# the class cache is kept between runs (bin/remit trains it again for another jar)
AOT=${REMIT_AOT_DIR:-$ROOT/target/aot-durable}
HELD=(--db-scheduler.immediate-execution-enabled=false --db-scheduler.polling-interval=1h)
start_remit() { # name [--remit-argument ...]
  local name=$1 t0; shift
  t0=$(date +%s%N)
  JAVA="$JAVA" JAR="$JAR" REMIT_AOT_DIR="$AOT" bin/remit "$@" > "$OUT/$name.log" 2>&1 &
  REMIT_PID=$!
  PIDS+=($REMIT_PID)
  until curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 $REMIT_PID 2>/dev/null || { log "remit died; see $OUT/$name.log"; tail -30 "$OUT/$name.log"; exit 1; }
    sleep 0.05
  done
  log "remit ($name) ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms (pid $REMIT_PID)"
}
stop_remit() { kill $REMIT_PID 2>/dev/null || true; wait $REMIT_PID 2>/dev/null || true; }
rss_mb() { echo $(( $(ps -o rss= -p "$REMIT_PID" 2>/dev/null || echo 0) / 1024 )); }
api() { # method path [json body on stdin]
  curl -sS -X "$1" "$BASE$2" -H 'Version: 2021-07-28' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    ${3:+-d @-}
}

# --- tenants: one location through remit admin, the others SQL copies of it ---------------------------
start_remit seed "${HELD[@]}"
ADMIN="bin/remit admin"
export REMIT_AOT_DIR="$AOT"
COMPANY=$(JAVA="$JAVA" JAR="$JAR" $ADMIN company create --name "Durable Co" 2>/dev/null | tail -1)
LOC=$(JAVA="$JAVA" JAR="$JAR" $ADMIN location create --company "$COMPANY" --name "Durable location" --time-zone UTC 2>/dev/null | tail -1)
USER_ID=$(JAVA="$JAVA" JAR="$JAR" $ADMIN user create --company "$COMPANY" --name "Biller" --email biller@acme.example --location "$LOC" 2>/dev/null | tail -1)
TOKEN=$(JAVA="$JAVA" JAR="$JAR" $ADMIN token create --company "$COMPANY" --location "$LOC" --label durable 2>/dev/null | sed -n 's/^token: *//p')
[ -n "$TOKEN" ] || { log "no token from remit admin"; exit 1; }
$PG <<SQL
insert into location (id, company_id, name, country, time_zone, created_at)
select substr(md5('loc' || g), 1, 24), company_id, name || ' ' || g, country, time_zone, created_at
from location, generate_series(2, $LOCS) g where id = '$LOC';
insert into user_location (user_id, location_id) select '$USER_ID', substr(md5('loc' || g), 1, 24) from generate_series(2, $LOCS) g;
create table bench_location as select (row_number() over (order by id) - 1)::int as n, id from location;
SQL
log "tenants: location $LOC (remit admin) and $((LOCS - 1)) SQL copies, company $COMPANY"

# HighLevel's contact needs a phone: a schedule's occurrences also send an SMS (to the outbox folder: no Twilio here)
CONTACT='{"id":"c1","name":"Customer","phoneNo":"+12145596993","email":"customer@customer.example"}'
ITEMS='[{"name":"Retainer","currency":"USD","amount":250,"qty":2,"taxes":[]}]'
TODAY=$(date -u +%F)
YESTERDAY=$(date -u -d yesterday +%F)
invoice_body() { # name issue due extra-json-fields
  cat <<EOF
{"altId":"$LOC","altType":"location","name":"$1","businessDetails":{"name":"Acme Plumbing"},"currency":"USD",
 "items":$ITEMS,"discount":{"type":"percentage","value":0},"contactDetails":$CONTACT,
 "issueDate":"$2","dueDate":"$3","sentTo":{"email":["customer@customer.example"]},"liveMode":true$4}
EOF
}
send_invoice() { # id liveMode
  api POST "/invoices/$1/send" x <<EOF
{"altId":"$LOC","altType":"location","userId":"$USER_ID","action":"email","liveMode":$2,"sentFrom":{"fromName":"Acme Plumbing","fromEmail":"billing@acme.example"}}
EOF
}
keep() { # table: the template row(s) and its job(s), kept as bench_tpl_<name>
  $PG -c "drop table if exists bench_tpl_$1" -c "create table bench_tpl_$1 as $2"
}

# --- templates, through the API, with the scheduler held back ---------------------------------------------
# schedules: monthly at T0 (the next whole minute at least LEAD seconds away), UTC, today's day of the month
if kind schedules; then
  T0=$(( ( $(date +%s) + ${LEAD:-30} + 59 ) / 60 * 60 ))
  SCHED=$(api POST /invoices/schedule x <<EOF | tee "$OUT/schedule-create.json" | jq -r ._id
{"altId":"$LOC","altType":"location","name":"Monthly retainer","contactDetails":$CONTACT,"liveMode":true,
 "businessDetails":{"name":"Acme Plumbing"},"currency":"USD","items":$ITEMS,"discount":{"type":"percentage","value":0},
 "termsNotes":"Due on receipt","title":"INVOICE",
 "schedule":{"rrule":{"intervalType":"monthly","interval":1,"startDate":"$(date -u -d @$T0 +%F)","startTime":"$(date -u -d @$T0 +%H:%M)","dayOfMonth":$(date -u -d @$T0 +%-d)}}}
EOF
)
  NEXT=$(api POST "/invoices/schedule/$SCHED/schedule" x <<< "{\"altId\":\"$LOC\",\"altType\":\"location\",\"liveMode\":true}" | tee "$OUT/schedule-schedule.json" | jq -r .nextInvoiceAt)
  NOT_BEFORE_schedules=$T0
  log "schedules: template $SCHED, next occurrence $NEXT (T0 $(date -u -d @$T0 +%FT%TZ))"
  keep schedule "select * from invoice_schedule where id = '$SCHED'"
  keep schedule_job "select * from scheduled_tasks where task_name = 'invoice-schedule-occurrence' and task_instance like '$SCHED@%'"
  [ "$($PG -c 'select count(*) from bench_tpl_schedule_job')" = 1 ] || { log "schedules: the occurrence job was not planned"; exit 1; }
  $PG -c "delete from scheduled_tasks where task_name = 'invoice-schedule-occurrence'"
fi

# late fees: an invoice due yesterday, with a one-time fixed fee and no grace, sent (sandbox: no email)
if kind latefees; then
  LF=$(invoice_body "Late fee invoice" "$YESTERDAY" "$YESTERDAY" ',"lateFeesConfiguration":{"enable":true,"value":5,"type":"fixed","frequency":{"intervalCount":0,"interval":"one_time"},"grace":{"intervalCount":0,"interval":"day"}}' \
    | sed 's/"liveMode":true/"liveMode":false/' | api POST /invoices/ x | tee "$OUT/latefee-create.json" | jq -r ._id)
  send_invoice "$LF" false > "$OUT/latefee-send.json"
  keep latefee "select * from invoice where id = '$LF'"
  keep latefee_job "select * from scheduled_tasks where task_name = 'remit-late-fees' and task_instance = '$LOC:$LF'"
  [ "$($PG -c 'select count(*) from bench_tpl_latefee_job')" = 1 ] || { log "latefees: no job for $LF ($(cat "$OUT/latefee-send.json"))"; exit 1; }
  $PG -c "delete from scheduled_tasks where task_name = 'remit-late-fees'"
  log "latefees: template invoice $LF"
fi

# reminders: an invoice due on the day of TR (the next whole minute at least LEAD seconds away) with one
# reminder at TR (a gap of 0 after its due date at startTime), sent live; reminders whose time passed
# before the send are not sent, so TR is in the future at the send and the copies run once it has come
if kind reminders; then
  TR=$(( ( $(date +%s) + ${LEAD:-30} + 59 ) / 60 * 60 ))
  NOT_BEFORE_reminders=$TR
  RM=$(invoice_body "Reminder invoice" "$YESTERDAY" "$(date -u -d @$TR +%F)" ',"remindersConfiguration":{"reminderSettings":{"defaultEmailTemplateId":"default","reminders":[{"enabled":true,"reminderId":"r1","reminderName":"Due today","reminderTime":"after","intervalType":"daily","reminderNumber":0,"maxReminders":1,"reminderInvoiceCondition":"invoice_sent","emailTemplate":"default","smsTemplate":"","emailSubject":"Reminder","startTime":"'"$(date -u -d @$TR '+%-I:%M %p')"'","timezone":"businessTZ"}]}}' \
    | api POST /invoices/ x | tee "$OUT/reminder-create.json" | jq -r ._id)
  send_invoice "$RM" true > "$OUT/reminder-send.json"
  keep reminder "select * from invoice where id = '$RM'"
  keep reminder_job "select * from scheduled_tasks where task_name = 'remit-reminders' and task_instance like '$LOC:$RM:%'"
  [ "$($PG -c 'select count(*) from bench_tpl_reminder_job')" = 1 ] || { log "reminders: no job for $RM ($(cat "$OUT/reminder-send.json"))"; exit 1; }
  $PG -c "delete from scheduled_tasks where task_name = 'remit-reminders'"
  log "reminders: template invoice $RM"
fi

# webhooks: a subscription (remit admin) and the webhook of one invoice created through the API
if kind webhooks; then
  SUB=$(JAVA="$JAVA" JAR="$JAR" $ADMIN webhooks add --location "$LOC" --url "http://127.0.0.1:$HOOK_PORT/hook" 2>/dev/null | tail -1)
  WI=$(invoice_body "Webhook invoice" "$TODAY" "$TODAY" "" | api POST /invoices/ x | jq -r ._id)
  keep subscription "select * from webhook_subscription where id = '$SUB'"
  keep webhook "select * from webhook_delivery where subscription_id = '$SUB' order by seq limit 1"
  WD=$($PG -c "select id from bench_tpl_webhook")
  keep webhook_job "select * from scheduled_tasks where task_name = 'deliver-webhook' and convert_from(task_data, 'UTF8') like '%$WD%'"
  [ "$($PG -c 'select count(*) from bench_tpl_webhook_job')" = 1 ] || { log "webhooks: no job for subscription $SUB"; exit 1; }
  $PG -c "delete from scheduled_tasks where task_name = 'deliver-webhook'" -c "delete from webhook_subscription"
  log "webhooks: template webhook $WD of invoice $WI, subscription $SUB"
fi
stop_remit
start_remit remit
# the templates' own emails (the reminder invoice's send) go out first
until [ "$($PG -c "select count(*) from scheduled_tasks where execution_time < now() + interval '1 minute'")" = 0 ]; do sleep 0.5; done

# --- copies: n rows of a kind from its template, new ids (md5 of prefix and number), jobs due at T -------
copies() { # kind n prefix T
  local k=$1 n=$2 p=$3 t=$4
  case $k in
  schedules) $PG <<SQL ;;
begin;
create temp table c as select s.*, g, l.id as loc, substr(md5('$p' || g), 1, 24) as nid
  from bench_tpl_schedule s, generate_series(1, $n) g join bench_location l on l.n = g % $LOCS;
update c set content = replace(content, location_id, loc), name = name || ' $p ' || g;
insert into invoice_schedule (id, location_id, name, status, live_mode, currency, total, contact_name, contact_email,
    contact_phone, content, schedule, auto_payment, last_occurrence, next_occurrence, next_run_at, version, created_at, updated_at)
  select nid, loc, name, status, live_mode, currency, total, contact_name, contact_email, contact_phone, content, schedule,
    auto_payment, last_occurrence, next_occurrence, next_run_at, version, created_at, updated_at from c;
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures)
  select j.task_name, replace(j.task_instance, c.id, c.nid),
    convert_to(replace(replace(convert_from(j.task_data, 'UTF8'), c.id, c.nid), c.location_id, c.loc), 'UTF8'),
    '$t', false, 1, 0
  from c, bench_tpl_schedule_job j;
commit;
SQL
  latefees|reminders) local tpl; tpl=$([ "$k" = latefees ] && echo latefee || echo reminder); $PG <<SQL ;;
begin;
create temp table c as select i.*, g, l.id as loc, substr(md5('$p' || g), 1, 24) as nid
  from bench_tpl_$tpl i, generate_series(1, $n) g join bench_location l on l.n = g % $LOCS;
create temp table o as select id as oid, location_id as oloc from bench_tpl_$tpl;
update c set document = replace(replace(document, id, nid), location_id, loc), invoice_number = '$p-' || g,
  public_token = md5('$p' || g) || md5('t' || g), name = name || ' $p ' || g;
update c set id = nid, location_id = loc;
alter table c drop column g, drop column loc, drop column nid;
insert into invoice select * from c;
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures)
  select j.task_name, replace(replace(j.task_instance, o.oid, c.id), o.oloc, c.location_id),
    convert_to(replace(replace(convert_from(j.task_data, 'UTF8'), o.oid, c.id), o.oloc, c.location_id), 'UTF8'),
    '$t', false, 1, 0
  from c, o, bench_tpl_${tpl}_job j;
commit;
SQL
  webhooks) $PG <<SQL ;;
begin;
insert into webhook_subscription (id, location_id, url, events, hmac_secret, enabled, disabled_reason, failing_since,
    created_at, updated_at)
  select substr(md5('sub' || l.id), 1, 24), l.id, s.url, s.events, s.hmac_secret, s.enabled,
    s.disabled_reason, s.failing_since, s.created_at, s.updated_at
  from bench_tpl_subscription s, bench_location l on conflict do nothing;
create temp table c as select w.*, g, l.id as loc, substr(md5('$p' || g), 1, 24) as nid,
    substr(md5('inv$p' || g), 1, 24) as ninv, substr(md5('sub' || l.id), 1, 24) as nsub
  from bench_tpl_webhook w, generate_series(1, $n) g join bench_location l on l.n = g % $LOCS;
insert into webhook_delivery (id, webhook_id, subscription_id, location_id, invoice_id, event_type, seq, live_mode, status,
    attempts, last_status, last_error, created_at, last_attempt_at, next_attempt_at, delivered_at, replay_of, payload)
  select nid, md5('$p' || g), nsub, loc, ninv, event_type, seq, live_mode, 'queued', 0, null, null, created_at, null,
    next_attempt_at, null, null, replace(replace(replace(payload, webhook_id, md5('$p' || g)), invoice_id, ninv), location_id, loc)
  from c;
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures)
  select j.task_name,
    replace(replace(replace(replace(j.task_instance, c.id, c.nid), c.subscription_id, c.nsub), c.invoice_id, c.ninv), c.location_id, c.loc),
    convert_to(replace(replace(replace(replace(convert_from(j.task_data, 'UTF8'), c.id, c.nid), c.subscription_id, c.nsub),
      c.invoice_id, c.ninv), c.location_id, c.loc), 'UTF8'),
    '$t', false, 1, 0
  from c, bench_tpl_webhook_job j;
commit;
SQL
  esac
}
done_sql() { # kind: how many are done
  case $1 in
  schedules) echo "select count(*) from invoice_schedule_occurrence" ;;
  latefees) echo "select count(*) from invoice_late_fee" ;;
  reminders) echo "select count(*) from invoice_reminder" ;;
  webhooks) echo "select count(*) from webhook_delivery where status = 'delivered'" ;;
  esac
}
# an email is out when smtp-sink accepted it (remit marks it sent then; smtp-sink keeps one file per
# connection, and remit keeps connections for many messages, so files do not count emails)
mails() { $PG -c "select count(*) from delivery where channel = 'email' and status = 'sent'"; }
STATS="select xact_commit + xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = '$DB'"

run_kind() { # kind n prefix: copies due at T, then the time until all are done
  local k=$1 n=$2 p=$3 T now done0 mail0 hooks0 emails s0 s1 polls=0 t_done="" t_mail="" rss=0 r
  now=$(date +%s)
  T=$(( now + 5 ))
  local nb="NOT_BEFORE_$k"; nb=${!nb:-0}
  [ "$T" -lt "$nb" ] && T=$nb
  done0=$($PG -c "$(done_sql "$k")"); mail0=$(mails); hooks0=$(wc -l < "$OUT/webhooks-received.txt")
  emails=0; case $k in schedules|reminders) emails=$n ;; esac
  copies "$k" "$n" "$p" "$(date -u -d @$T +%FT%TZ)"
  log "$k: $n copies in, due at $(date -u -d @$T +%T) (load $(cut -d' ' -f1-3 /proc/loadavg))"
  s0=$($PG -c "$STATS")
  while [ "$(date +%s)" -lt "$T" ]; do sleep 0.1; done
  : > "$OUT/progress-$k-$p.txt"
  [ "$k" = webhooks ] && emails=$n
  # each poll is one psql (few processes: on a loaded machine each start costs)
  while true; do
    local d m el both
    both=$($PG -c "select ($(done_sql "$k")), (select count(*) from delivery where channel = 'email' and status = 'sent')")
    d=$(( ${both%|*} - done0 )); polls=$((polls + 1))
    if [ "$k" = webhooks ]; then m=$(( $(wc -l < "$OUT/webhooks-received.txt") - hooks0 )); else m=$(( ${both#*|} - mail0 )); fi
    el=$(( $(date +%s%3N) - T * 1000 ))
    el=$(printf '%d.%03d' $((el / 1000)) $((el % 1000)))
    r=$(rss_mb); [ "$r" -gt "$rss" ] && rss=$r
    echo "$el $d $m" >> "$OUT/progress-$k-$p.txt"
    [ -z "$t_done" ] && [ "$d" -ge "$n" ] && t_done=$el
    [ -z "$t_mail" ] && [ "$m" -ge "$emails" ] && t_mail=$el
    [ -n "$t_done" ] && [ -n "$t_mail" ] && break
    [ "${el%.*}" -gt "$TIMEOUT" ] && { log "$k: timed out ($d done, $m sent)"; break; }
    sleep 0.25
  done
  # idle backends report their counters within 10 s (PostgreSQL 15)
  sleep 11; s1=$($PG -c "$STATS")
  echo "$k $p before $s0 after $s1 polls $polls done $t_done out $t_mail" >> "$OUT/pg_stat_database.txt"
  result "$(python3 - "$k" "$n" "$p" "${t_done:-null}" "${t_mail:-null}" "$s0" "$s1" "$polls" "$rss" "$emails" <<'PY'
import json, sys
k, n, p, td, tm, s0, s1, polls, rss, emails = sys.argv[1:]
n = int(n); polls = int(polls); a = [int(x) for x in s0.split("|")]; b = [int(x) for x in s1.split("|")]
d = [y - x for x, y in zip(a, b)]
done = None if td == "null" else float(td); mail = None if tm == "null" else float(tm)
end = max(x for x in (done, mail) if x is not None) if (done or mail) else None
print(json.dumps({"name": k, "pass": p, "n": n, "done_s": done, "all_out_s": mail,
  "per_s": round(n / done, 1) if done else None, "end_to_end_per_s": round(n / end, 1) if end else None,
  "emails": int(emails), "transactions_per_job": round((d[0] - polls - 1) / n, 2),
  "rows_fetched_per_job": round(d[2] / n, 1), "rows_inserted_per_job": round(d[3] / n, 2),
  "rows_updated_per_job": round(d[4] / n, 2), "rows_deleted_per_job": round(d[5] / n, 2), "rss_peak_mb": int(rss)}))
PY
)"
}

# --- the PostgreSQL ceiling: pgbench with bench/pgbench/<kind>.sql on the same data ------------------------
ceiling() { # kind
  # the script made from this run's log (durable_pgbench.py), else the one kept in bench/pgbench/
  local k=$1 script=$OUT/durable-$1.sql
  [ -s "$script" ] || script=bench/pgbench/durable-$1.sql
  [ -f "$script" ] || { log "$k: no pgbench script, no ceiling"; return; }
  local targets
  case $k in
  schedules) targets="select location_id, id from invoice_schedule where name like '% schedulesrun %'" ;;
  latefees|reminders) targets="select location_id, id from invoice where invoice_number like '${k}run-%'" ;;
  webhooks) targets="select location_id, id from webhook_delivery where webhook_id <> (select webhook_id from bench_tpl_webhook)" ;;
  esac
  $PG -c "drop table if exists bench_target" \
      -c "create table bench_target as select (row_number() over ())::int as n, t.* from ($targets) t" \
      -c "create unique index on bench_target (n)"
  pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -T "$PGBENCH_S" -M simple -D targets="$($PG -c 'select count(*) from bench_target')" \
    -f "$script" "$DB" > "$OUT/pgbench-$k.txt" 2>&1 || true
  local tps lat
  [ -f "$OUT/$(basename "$script")" ] || cp "$script" "$OUT/"
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-$k.txt" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench-$k.txt")
  result "{\"name\":\"pgbench-$k\",\"tps\":${tps:-0},\"latency_avg_ms\":${lat:-0},\"clients\":$CLIENTS}"
  # what the script wrote is not remit's: its rows carry ids starting with 'pgb', its jobs names remit does not run
  [ -f "bench/pgbench/durable-cleanup.sql" ] && $PG -f bench/pgbench/durable-cleanup.sql >/dev/null 2>&1 || true
}

for k in schedules latefees reminders webhooks; do
  kind "$k" || continue
  n=$([ "$k" = schedules ] && echo "$N" || echo "$M")
  run_kind "$k" "$n" "${k}run"
  # webhooks go last: the other kinds' later passes must not fan out to the subscriptions
  [ "$k" = webhooks ] && $PG -c "delete from webhook_subscription"
done

# --- statements per job, from PostgreSQL's log -----------------------------------------------------------
if [ -n "$LOG_N" ] && [ "$LOG_N" != 0 ] && [ -r "$PGLOG" ]; then
  stop_remit
  $PG -c "alter database $DB set log_statement = 'all'"
  start_remit logged
  sleep 2
  for k in schedules latefees reminders webhooks; do
    kind "$k" || continue
    for n in $LOG_N; do
      from=$(stat -c %s "$PGLOG")
      run_kind "$k" "$n" "${k}log$n"
      tail -c +"$((from + 1))" "$PGLOG" > "$OUT/pglog-$k-$n.txt" || true
      python3 bench/durable_statements.py "$OUT/pglog-$k-$n.txt" "$DB" "$n" > "$OUT/statements-$k-$n.txt" || true
      result "$(python3 bench/durable_statements.py "$OUT/pglog-$k-$n.txt" "$DB" "$n" --json "$k" || echo '{}')"
      # the pgbench script of one job: the first copy of the first logged pass
      if [ ! -s "$OUT/durable-$k.sql" ]; then
        python3 bench/durable_pgbench.py "$OUT/pglog-$k-$n.txt" "$DB" "$($PG -c "select substr(md5('${k}log$n' || 1), 1, 24)")" \
          "$($PG -c "select id from bench_location where n = 1 % $LOCS")" > "$OUT/durable-$k.sql" || rm -f "$OUT/durable-$k.sql"
      fi
    done
  done
  $PG -c "alter database $DB reset log_statement"
fi
stop_remit
for k in schedules latefees reminders webhooks; do
  kind "$k" && ceiling "$k"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 bench/durable_summary.py "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT"
