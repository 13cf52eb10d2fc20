#!/usr/bin/env bash
# bench/run.sh: remit under load on this machine, next to the machine's own ceilings, in one run.
#
#   bench/run.sh                      # full run (about 10 minutes)
#   QUICK=1 bench/run.sh              # a short run to check the scripts (about 3 minutes)
#   bench/run.sh --phases send,delivery   # only some phases (or PHASES=send,delivery)
#
# Installs what it needs from Debian (wrk, postfix for smtp-sink/smtp-source, pgbench), builds
# target/remit.jar, starts remit on PostgreSQL (a fresh database remit_bench on 127.0.0.1:5432,
# user postgres, trust auth) with SMTP pointed at an smtp-sink, seeds LOCATIONS locations through
# the API, and drives wrk at the operations. Results: bench/out/<time>/ (raw) and its summary.md.
# Settings (environment): DURATION (per wrk run, default 30s; QUICK: 5s), CONNECTIONS (default 16),
# THREADS (wrk threads, 2), LOCATIONS (4), PORT (18080), SMTP_PORT (2525), DB (remit_bench),
# JAVA (the newest Temurin under /usr/lib/jvm, else java), JAVA_OPTS, JAR (target/remit.jar), BIG (invoices in the one
# big location, a list: default "10000 1000000", each measured in turn, inserted by SQL), BACKLOG (written emails
# for delivery-written, 20000), JFR=0 (no profile recordings), SKIP_BUILD=1.
# PHASES (or --phases): a comma-separated list of start (the bare jar's start), api (HTTP floor, GET, list),
# send (send live and alone, the pgbench ceiling), delivery (the drain, already-written emails, the
# smtp-source ceiling), growth (BIG invoices in one location); default all. The first start and
# POST /invoices/ (the seed) always run; delivery without send queues its backlog with a held send.
set -euo pipefail
PHASES=${PHASES:-all}
while [ $# -gt 0 ]; do
  case $1 in
    --phases) PHASES=$2; shift 2 ;;
    --phases=*) PHASES=${1#--phases=}; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
phase() { [ "$PHASES" = all ] || [[ ",$PHASES," == *",$1,"* ]]; }
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=${QUICK:-0}
DURATION=${DURATION:-$([ "$QUICK" = 1 ] && echo 5s || echo 30s)}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
LOCATIONS=${LOCATIONS:-4}
PORT=${PORT:-18080}
SMTP_PORT=${SMTP_PORT:-2525}
DB=${DB:-remit_bench}
# the newest JDK on the machine (Temurin 25 here: its AOT cache starts remit fastest), else java
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2[5-9]*/bin/java 2>/dev/null | sort -V | tail -1)}
JAVA=${JAVA:-java}
JAR=${JAR:-target/remit.jar}
BIG=${BIG:-$([ "$QUICK" = 1 ] && echo 2000 || echo "10000 1000000")}
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
export DURATION CONNECTIONS THREADS
OUT=${OUT:-bench/out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BASE="http://127.0.0.1:$PORT"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

# --- what the run needs ----------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/smtp-sink ] || need+=(postfix)
command -v pgbench >/dev/null || need+=(postgresql-contrib)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} from Debian"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start

# --- the machine -------------------------------------------------------------------------------
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpus: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "memory: $(free -g | awk '/^Mem:/{print $2 " GiB total, " $7 " GiB available"}')"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jdk: $($JAVA -version 2>&1 | head -1)"
  echo "postgresql: $($PG -c 'show server_version')"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "other java processes: $(pgrep -c java || true)"
  echo "phases: $PHASES"
  echo "jar: $JAR"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" | tee -a "$OUT/run.log"

# --- build -------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building target/remit.jar"
  mvn -q -B -o -DskipTests package 2>/dev/null || mvn -q -B -DskipTests package
fi

# --- processes this script starts, and stops on exit -------------------------------------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# --- SMTP sink: counts and keeps every message --------------------------------------------------
mkdir -p "$OUT/mail" && chmod 777 "$OUT/mail"
/usr/sbin/smtp-sink -u nobody -d "$OUT/mail/" -m 512 "127.0.0.1:$SMTP_PORT" 1024 &
PIDS+=($!)

# --- a fresh database ----------------------------------------------------------------------------
$PG -d postgres -c "drop database if exists $DB" -c "create database $DB"

export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT REMIT_MAIL_FROM_ADDRESS=invoices@remit.example
export REMIT_PUBLIC_BASE_URL="http://localhost:$PORT" REMIT_DATA_DIR="$OUT/data" SERVER_PORT=$PORT
# the limiter counts as in production (in memory, synced in batches); its limits are raised so it never refuses
export REMIT_RATE_LIMIT_BURST_MAX=1000000000 REMIT_RATE_LIMIT_DAILY_MAX=1000000000
export REMIT_BOOTSTRAP_ENABLED=false

# --- start, and the time to the first healthy answer -------------------------------------------
# remit runs as production runs it: bin/remit (an AOT/CDS class cache, -Xmx224m, a 64 MB code cache). The first start
# trains the cache and migrates the empty database; then a start of the bare jar (REMIT_AOT=0) and
# the start with the cache are timed. JFR records the load runs only (jcmd), not the start.
start_remit() { # name [VAR=value ...] [--remit-argument ...]
  local name=$1; shift
  local t0 vars=() args=()
  for a in "$@"; do if [[ $a == --* ]]; then args+=("$a"); else vars+=("$a"); fi; done
  t0=$(date +%s%N)
  env ${vars[@]+"${vars[@]}"} JAVA="$JAVA" JAR="$JAR" REMIT_AOT_DIR="$OUT/aot" bin/remit ${args[@]+"${args[@]}"} > "$OUT/$name.log" 2>&1 &
  REMIT_PID=$!
  PIDS+=($REMIT_PID)
  until curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 $REMIT_PID 2>/dev/null || { log "remit died; see $OUT/$name.log"; tail -30 "$OUT/$name.log"; exit 1; }
    sleep 0.02
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "remit ($name) ready in $STARTUP_MS ms (pid $REMIT_PID)"
}
# JFR=0: no recordings (RSS without the recorder's buffers)
jfr_cmd() { [ "${JFR:-1}" = 0 ] || jcmd "$REMIT_PID" "$@" > /dev/null || true; }
stop_remit() { kill $REMIT_PID; wait $REMIT_PID 2>/dev/null || true; }
rss_mb() { echo $(( $(ps -o rss= -p "$REMIT_PID") / 1024 )); }

start_remit first-start
FIRST_START_MS=$STARTUP_MS
stop_remit
PLAIN_START_MS=null
if phase start; then
  start_remit plain-jar REMIT_AOT=0
  PLAIN_START_MS=$STARTUP_MS
  stop_remit
fi
start_remit remit
jfr_cmd JFR.start name=bench settings=profile filename="$OUT/api.jfr" > /dev/null

# --- tenants: a company, LOCATIONS locations, a user and a token each (the admin command line) --
ADMIN="$JAVA -jar $JAR admin"
COMPANY=$($ADMIN company create --name "Bench Co" 2>/dev/null | tail -1)
: > "$OUT/tenants.txt"
for i in $(seq 1 $((LOCATIONS + 1))); do
  loc=$($ADMIN location create --company "$COMPANY" --name "Bench location $i" 2>/dev/null | tail -1)
  user=$($ADMIN user create --company "$COMPANY" --name "Biller $i" --email "biller$i@acme.example" --location "$loc" 2>/dev/null | tail -1)
  token=$($ADMIN token create --company "$COMPANY" --location "$loc" --label bench 2>/dev/null | sed -n 's/^token: *//p')
  echo "$loc $token $user" >> "$OUT/tenants.txt"
done
# the last location is the big one (cost of growth), the others share the load
head -n "$LOCATIONS" "$OUT/tenants.txt" > "$OUT/load-tenants.txt"
tail -n 1 "$OUT/tenants.txt" > "$OUT/big-tenant.txt"
log "seeded $LOCATIONS locations (+1 big) in company $COMPANY"

WRK() { # name script [target file] [duration] [connections]
  local name=$1 script=$2 targets=${3:-$OUT/load-tenants.txt} duration=${4:-$DURATION} conns=${5:-$CONNECTIONS}
  local rss_peak=0 sampler
  ( while true; do r=$(rss_mb 2>/dev/null || echo 0); echo "$r"; sleep 1; done ) > "$OUT/$name.rss" &
  sampler=$!
  TARGETS=$targets wrk -t"$THREADS" -c"$conns" -d"$duration" --timeout 10s --latency -s "bench/wrk/$script" "$BASE" \
    > "$OUT/$name.wrk.txt" 2>&1 || true
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true
  rss_peak=$(sort -n "$OUT/$name.rss" | tail -1)
  tail -1 "$OUT/$name.wrk.txt" | jq -c --arg name "$name" --argjson rss "${rss_peak:-0}" '. + {name: $name, rss_mb: $rss}' \
    >> "$OUT/results.jsonl" || { log "wrk $name produced no result"; cat "$OUT/$name.wrk.txt"; }
  log "$name: $(tail -1 "$OUT/results.jsonl")"
}

# --- the HTTP floor: the same framework answering its liveness probe ---------------------------
if phase api; then
TARGETS="$OUT/load-tenants.txt" wrk -t1 -c4 -d3s "$BASE/actuator/health/liveness" > /dev/null 2>&1 || true
TARGETS="$OUT/load-tenants.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/floor.lua \
  "$BASE/actuator/health/liveness" > "$OUT/floor.wrk.txt" 2>&1
tail -1 "$OUT/floor.wrk.txt" | jq -c --argjson rss "$(rss_mb)" '. + {name: "http-floor", rss_mb: $rss}' >> "$OUT/results.jsonl"
log "http-floor: $(tail -1 "$OUT/results.jsonl")"
fi

# --- POST /invoices/ (also the seed: thousands of invoices in the load locations) --------------
WRK warmup-create create.lua "$OUT/load-tenants.txt" 5s
sed -i '$d' "$OUT/results.jsonl"
WRK create create.lua
$PG -d "$DB" -c "select location_id, count(*) from invoice group by 1 order by 1" | tee -a "$OUT/run.log"

# targets: every seeded invoice with its location's token and user
$PG -d "$DB" -F' ' -c "select location_id, id from invoice" > "$OUT/invoices.txt"
awk 'NR==FNR {tok[$1]=$2; usr[$1]=$3; next} ($1 in tok) {print $1, tok[$1], usr[$1], $2}' \
  "$OUT/load-tenants.txt" "$OUT/invoices.txt" > "$OUT/targets.txt"
log "$(wc -l < "$OUT/targets.txt") invoices to read and send"

if phase api; then
  WRK get get.lua "$OUT/targets.txt"

  # --- the PostgreSQL ceiling of GET: the token and the invoice, by pgbench, over the same invoices -------
  awk '{print $1 "\t" $3 "\t" $4}' "$OUT/targets.txt" > "$OUT/pgbench-invoices.txt"
  $PG -d "$DB" -c "drop table if exists bench_invoice" \
      -c "create table bench_invoice (n serial primary key, location_id varchar(24), user_id varchar(24), id varchar(24))" \
      -c "\\copy bench_invoice (location_id, user_id, id) from '$OUT/pgbench-invoices.txt'"
  pgbench -h 127.0.0.1 -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" -M prepared \
    -D invoices="$(wc -l < "$OUT/pgbench-invoices.txt")" -f bench/pgbench/get.sql "$DB" > "$OUT/pgbench-get.txt" 2>&1 || true
  echo "{\"name\":\"pgbench-get\",\"tps\":$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-get.txt" | head -1 | grep . || echo 0)}" >> "$OUT/results.jsonl"
  log "pgbench get ceiling: $(tail -1 "$OUT/results.jsonl")"

  WRK list list.lua "$OUT/targets.txt"
fi

# --- send, delivery, and their ceilings ---------------------------------------------------------
SEND_ROUTE=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Version: 2021-07-28' -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $(awk 'NR==1{print $2}' "$OUT/targets.txt")" -d '{}' \
  "$BASE/invoices/$(awk 'NR==1{print $4}' "$OUT/targets.txt")/send")
if ! phase send && ! phase delivery; then
  :
elif [ "$SEND_ROUTE" = 404 ]; then
  log "POST /invoices/{id}/send is not on this branch: send and delivery not measured"
else
  source bench/send.sh
fi

# --- cost of growth: one location with BIG invoices ---------------------------------------------
if phase growth; then
  for count in $BIG; do bash bench/growth.sh "$OUT" "$BASE" "$DB" "$count"; done
fi

RSS_END=$(rss_mb)
echo "{\"name\":\"startup\",\"first_start_ms\":$FIRST_START_MS,\"plain_start_ms\":$PLAIN_START_MS,\"start_ms\":$STARTUP_MS,\"rss_end_mb\":$RSS_END}" >> "$OUT/results.jsonl"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

# --- profile ---------------------------------------------------------------------------------------
jfr_cmd JFR.stop name=bench > /dev/null || true
stop_remit
for recording in "$OUT"/*.jfr; do
  [ -s "$recording" ] || continue
  name=$(basename "$recording" .jfr)
  jfr print --events jdk.ExecutionSample --stack-depth 128 "$recording" > "$OUT/$name.samples.txt" 2>/dev/null || true
  python3 bench/jfr_summary.py "$OUT/$name.samples.txt" > "$OUT/profile-$name.txt" || true
  rm -f "$OUT/$name.samples.txt"
done

python3 bench/summary.py "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT"
