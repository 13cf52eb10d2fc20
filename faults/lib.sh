# Shared by the fault scripts: a private PostgreSQL (so that restarting it disturbs no one else's),
# an SMTP sink that keeps every message, remit instances, a tenant. Source it; set FAULTS_OUT first.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_PORT=${PG_PORT:-25432}  # below the ephemeral range (32768+): a client socket left in TIME-WAIT on it would stop PostgreSQL binding
PG_DIR=${PG_DIR:-/tmp/remit-faults-pg}
JAR=${JAR:-target/remit.jar}
JAVA=${JAVA:-java}
mkdir -p "$FAULTS_OUT"
PIDS=()
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$FAULTS_OUT/faults.log"; }

pg_start() {
  if [ ! -s "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -A trust -U postgres >/dev/null
  fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}
pg_stop() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m "${1:-fast}" -w stop >/dev/null || true; }
pg_restart() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w -l "$PG_DIR/log" \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" restart >/dev/null; }
psql_f() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
fresh_db() { psql_f -d postgres -c "drop database if exists $1" -c "create database $1" >/dev/null; }

# smtp-sink keeping each message as a file under $1 (port $2); the pid goes to SINK_PID
sink_start() {
  mkdir -p "$1" && chmod 777 "$1"
  /usr/sbin/smtp-sink -u nobody -d "$1/" -m 256 "127.0.0.1:$2" 256 &
  SINK_PID=$!
  PIDS+=($SINK_PID)
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/"$2") 2>/dev/null && return 0; sleep 0.1; done
}
# Message-IDs received: total, unique, and duplicated
mail_count() {
  local dir=$1
  find "$dir" -type f -print0 | xargs -0 -r grep -h -i -m1 '^Message-ID:' | tr -d '\r' | sort > "$dir.ids" || true
  local total unique
  total=$(wc -l < "$dir.ids"); unique=$(sort -u "$dir.ids" | wc -l)
  echo "$total $unique $((total - unique))"
}

# remit_launch NAME PORT DB SMTP_PORT [extra args]: starts an instance; pid in REMIT_PID
remit_launch() {
  local name=$1 port=$2 db=$3 smtp=$4; shift 4
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD="" SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$smtp \
  REMIT_MAIL_FROM_ADDRESS=invoices@remit.example REMIT_DATA_DIR="$FAULTS_OUT/data-$name" SERVER_PORT=$port \
  REMIT_PUBLIC_BASE_URL="http://localhost:$port" REMIT_BOOTSTRAP_ENABLED=false \
  REMIT_RATE_LIMIT_BURST_MAX=1000000000 REMIT_RATE_LIMIT_DAILY_MAX=1000000000 \
    $JAVA -jar "$JAR" "$@" >> "$FAULTS_OUT/remit-$name.log" 2>&1 &
  REMIT_PID=$!
  PIDS+=($REMIT_PID)
}
# remit_wait NAME PORT PID: until the instance answers ready
remit_wait() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { log "remit $name died"; tail -40 "$FAULTS_OUT/remit-$name.log"; return 1; }
    sleep 0.1
  done
  log "remit $name did not become ready"; return 1
}
# remit_start NAME PORT DB SMTP_PORT [extra args]: starts an instance and waits until it is ready
remit_start() {
  remit_launch "$@"
  remit_wait "$1" "$2" "$REMIT_PID"
}

# tenant DB FILE: a company, a location (in time zone TENANT_TZ when set, else UTC), a user and a token,
# through the admin command line
tenant() {
  local db=$1 file=$2 admin company loc user token
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
  admin="$JAVA -jar $JAR admin"
  company=$($admin company create --name "Faults Co" 2>/dev/null | tail -1)
  loc=$($admin location create --company "$company" --name "Faults location" ${TENANT_TZ:+--time-zone "$TENANT_TZ"} 2>/dev/null | tail -1)
  user=$($admin user create --company "$company" --name Biller --email biller@acme.example --location "$loc" 2>/dev/null | tail -1)
  token=$($admin token create --company "$company" --location "$loc" --label faults 2>/dev/null | sed -n 's/^token: *//p')
  unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
  echo "$loc $token $user" > "$file"
}

# Delivery held back: an instance started with these commits sends but delivers nothing
HOLD="--db-scheduler.immediate-execution-enabled=false --db-scheduler.polling-interval=1h"

# commit_held_sends NAME PORT DB SMTP_PORT "DRIVER_ARGS" [remit args]: COUNT sends (each an invoice
# marked sent and its delivery task) through an instance with delivery held back, which is then
# stopped, so the whole backlog is queued before delivery starts. SENT_OK: the sends answered 200.
commit_held_sends() {
  local name=$1 port=$2 db=$3 smtp=$4 driver_args=$5; shift 5
  remit_start hold "$port" "$db" "$smtp" $HOLD "$@"
  log "$name: committing $COUNT sends (delivery held back)"
  python3 "$(dirname "${BASH_SOURCE[0]}")/driver.py" "http://127.0.0.1:$port" "$FAULTS_OUT/tenant.txt" "$COUNT" \
    "$FAULTS_OUT/send" --send --threads 4 $driver_args > "$FAULTS_OUT/send.json"
  SENT_OK=$(wc -l < "$FAULTS_OUT/send.ok")
  log "$name: $SENT_OK sends answered 200 ($(cat "$FAULTS_OUT/send.json"))"
  kill $REMIT_PID; wait $REMIT_PID 2>/dev/null || true
}

# wait_drained DB SINCE: until the delivery log has nothing left to deliver, or DRAIN_TIMEOUT seconds
# (default 600) have passed since SINCE (epoch seconds)
wait_drained() {
  local db=$1 since=$2
  until [ "$(undelivered "$db")" = 0 ]; do
    python3 -c "import sys,time; sys.exit(time.time() - $since > ${DRAIN_TIMEOUT:-600})" || { log "not drained: $(deliveries "$db")"; break; }
    sleep 0.5
  done
}

# deliveries by status, from the delivery log
deliveries() { psql_f -d "$1" -F' ' -c "select status, count(*) from delivery group by 1 order by 1" | tr '\n' ' '; }
undelivered() { psql_f -d "$1" -c "select count(*) from delivery where status not in ('sent','failed','sandboxed')"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop immediate
}
