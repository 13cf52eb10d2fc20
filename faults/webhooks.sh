#!/usr/bin/env bash
# Webhooks under kill -9 with two instances: WEBHOOKS invoices (default 2000) are created with delivery
# held back, each firing InvoiceCreate to one subscriber (a receiver that takes 20 ms per webhook). Then two
# instances deliver the backlog together and one is killed with -9 a third of the way. Rule: every
# webhook arrives (unique webhookIds = webhooks logged), duplicates are no more than the executions in
# flight at the kill, and every one carried x-wh-signature.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/webhooks}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
WEBHOOKS=${WEBHOOKS:-2000} PORT_A=${PORT_A:-18185} PORT_B=${PORT_B:-18186} SMTP=${SMTP:-2529} HOOK_PORT=${HOOK_PORT:-18187}
FAST_RECOVERY="--db-scheduler.heartbeat-interval=2s"
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_webhooks
tenant remit_webhooks "$FAULTS_OUT/tenant.txt"
read -r LOC TOKEN USER < "$FAULTS_OUT/tenant.txt"
# both instances sign with one key, given by configuration
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$FAULTS_OUT/webhook-key.pem" 2>/dev/null
SHARED=(--remit.webhooks.key-file="$FAULTS_OUT/webhook-key.pem" --remit.webhooks.allow-private-addresses=true)
python3 "$(dirname "$0")/webhook_receiver.py" "$HOOK_PORT" "$FAULTS_OUT/received.txt" 0.02 &
PIDS+=($!)
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/remit_webhooks" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD="" $JAVA -jar "$JAR" admin webhooks add --location "$LOC" \
  --url "http://127.0.0.1:$HOOK_PORT/hook" --event InvoiceCreate > "$FAULTS_OUT/subscription.txt" 2>/dev/null
log "webhooks: subscribed $(cat "$FAULTS_OUT/subscription.txt")"

# 1. WEBHOOKS invoices created, each committing its InvoiceCreate webhook and job, with delivery held back
remit_start hold "$PORT_A" remit_webhooks "$SMTP" $HOLD "${SHARED[@]}"
log "webhooks: creating $WEBHOOKS invoices (delivery held back)"
python3 "$(dirname "$0")/driver.py" "http://127.0.0.1:$PORT_A" "$FAULTS_OUT/tenant.txt" "$WEBHOOKS" \
  "$FAULTS_OUT/create" --threads 4 > "$FAULTS_OUT/create.json"
kill $REMIT_PID; wait $REMIT_PID 2>/dev/null || true
CREATED=$(wc -l < "$FAULTS_OUT/create.ok")
LOGGED=$(psql_f -d remit_webhooks -c "select count(*) from webhook_delivery")
log "webhooks: $CREATED invoices created, $LOGGED webhooks logged ($(cat "$FAULTS_OUT/create.json"))"
[ "$CREATED" = "$WEBHOOKS" ] && [ "$LOGGED" = "$CREATED" ] || { log "FAILED: webhooks (not every create committed its webhook)"; exit 1; }

# 2. two instances deliver the backlog together; one is killed with -9 a third of the way
remit_launch a "$PORT_A" remit_webhooks "$SMTP" $FAST_RECOVERY "${SHARED[@]}"; A=$REMIT_PID
remit_launch b "$PORT_B" remit_webhooks "$SMTP" $FAST_RECOVERY "${SHARED[@]}"; B=$REMIT_PID
remit_wait a "$PORT_A" $A; remit_wait b "$PORT_B" $B
T0=$(date +%s)
while [ "$(wc -l < "$FAULTS_OUT/received.txt")" -lt $((LOGGED / 3)) ]; do sleep 0.05; done
kill -9 $A
KILLED_AT=$(wc -l < "$FAULTS_OUT/received.txt")
IN_FLIGHT=$(psql_f -d remit_webhooks -c "select count(*) from scheduled_tasks where task_name = 'deliver-webhook' and picked")
log "webhooks: killed instance a with -9 at $KILLED_AT received, $IN_FLIGHT executions in flight"
wait $A 2>/dev/null || true
# 3. b takes over a's dead executions after missed heartbeats and delivers the rest
until [ "$(psql_f -d remit_webhooks -c "select count(*) from webhook_delivery where status = 'queued'")" = 0 ]; do
  [ $(( $(date +%s) - T0 )) -gt ${DRAIN_TIMEOUT:-600} ] && { log "webhooks: not drained"; break; }
  sleep 1
done
sleep 2
TOTAL=$(wc -l < "$FAULTS_OUT/received.txt")
UNIQUE=$(cut -d' ' -f1 "$FAULTS_OUT/received.txt" | sort -u | wc -l)
UNSIGNED=$(grep -c ' unsigned$' "$FAULTS_OUT/received.txt" || true)
DELIVERED=$(psql_f -d remit_webhooks -c "select count(*) from webhook_delivery where status = 'delivered'")
DUPLICATES=$((TOTAL - UNIQUE))
RESULT="{\"scenario\":\"webhooks\",\"invoices_created\":$CREATED,\"webhooks\":$LOGGED,\"received\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"in_flight_at_kill\":$IN_FLIGHT,\"received_before_kill\":$KILLED_AT,\"delivered_in_log\":$DELIVERED,\"unsigned\":$UNSIGNED,\"drain_s\":$(( $(date +%s) - T0 ))}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$LOGGED" = "$WEBHOOKS" ] && [ "$UNIQUE" = "$LOGGED" ] && [ "$DELIVERED" = "$LOGGED" ] && [ "$DUPLICATES" -le "$IN_FLIGHT" ] \
  && [ "$UNSIGNED" = 0 ] || { log "FAILED: webhooks"; exit 1; }
log "passed: webhooks"
