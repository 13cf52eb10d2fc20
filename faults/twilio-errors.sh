#!/usr/bin/env bash
# Twilio answering 429 (with Retry-After) and 500 by turns for OUTAGE seconds (default 60) from the first try at
# delivering COUNT text messages (default 5000), then taking them: the backlog drains, nothing is lost, and nothing
# goes out twice (a 429 or a 500 means Twilio did not take the message). faults/fake_twilio.py plays Twilio and keeps
# every message it took. Retries back off from 5 s to at most 20 s here, as in smtp-outage.sh.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/twilio-errors}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
COUNT=${COUNT:-5000} OUTAGE=${OUTAGE:-60} PORT=${PORT:-18186} SMTP=${SMTP:-2530} TWILIO=${TWILIO:-18087}
RETRY_AFTER=${RETRY_AFTER:-2}
BACKOFF="--remit.delivery.initial-backoff=5s --remit.delivery.max-backoff=20s"
SID=AC0f3a9c2b7d14e5f6a8b9c0d1e2f3a4b5 TOKEN=5f0c2e8a9b7d46e1a3c5b7d9e0f1a2b3
TWILIO_ARGS="--remit.sms.twilio.account-sid=$SID --remit.sms.twilio.auth-token=$TOKEN
  --remit.sms.twilio.from-number=+15005550006 --remit.sms.twilio.base-url=http://127.0.0.1:$TWILIO"
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db remit_twilio
tenant remit_twilio "$FAULTS_OUT/tenant.txt"
# 1. commit COUNT sends by SMS with the workers held back (nothing listens on the Twilio port yet: a stray try is refused)
commit_held_sends twilio-errors "$PORT" remit_twilio "$SMTP" "--action sms" $TWILIO_ARGS
# 2. a Twilio that refuses everything for OUTAGE seconds from the first request, and a server delivering the backlog
python3 "$(dirname "$0")/fake_twilio.py" "$TWILIO" "$FAULTS_OUT/twilio.jsonl" --fail-seconds "$OUTAGE" \
  --retry-after "$RETRY_AFTER" --account-sid "$SID" --auth-token "$TOKEN" &
TWILIO_PID=$!
PIDS+=($TWILIO_PID)
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/"$TWILIO") 2>/dev/null && break; sleep 0.1; done
twilio_stats() { curl -sf "http://127.0.0.1:$TWILIO/stats"; }
remit_start a "$PORT" remit_twilio "$SMTP" $BACKOFF $TWILIO_ARGS
until FIRST=$(twilio_stats | python3 -c "import json,sys; t=json.load(sys.stdin)['first_request_at']; print(t or exit(1))"); do
  kill -0 $TWILIO_PID 2>/dev/null || { log "fake Twilio died"; exit 1; }
  sleep 0.2
done
log "twilio-errors: Twilio answering 429 and 500 for $OUTAGE s"
sleep "$(python3 -c "print(max(0, $FIRST + $OUTAGE - 1 - $(date +%s.%N)))")"
DURING=$(deliveries remit_twilio)
log "twilio-errors: delivery log before Twilio recovers: $DURING ($(twilio_stats))"
T0=$(python3 -c "print($FIRST + $OUTAGE)")
wait_drained remit_twilio "$T0"
DRAIN=$(python3 -c "print(round(max(0, $(date +%s.%N) - $T0), 1))")
EXPECTED=$(psql_f -d remit_twilio -c "select count(*) from delivery")
RETRIED=$(psql_f -d remit_twilio -c "select count(*) from delivery where attempts > 1")
psql_f -d remit_twilio -c "select provider_id from delivery where status = 'sent'" > "$FAULTS_OUT/provider-ids"
# messages taken (by body: each names its invoice and its link), the sids remit recorded, the shortest waits after a refusal
read -r TOTAL UNIQUE DUPLICATES SIDS_KNOWN GAP_429 GAP_500 < <(python3 - "$FAULTS_OUT" <<'EOF'
import collections, json, sys
out = sys.argv[1]
taken = [json.loads(line) for line in open(f"{out}/twilio.jsonl")]
bodies = {m["body"] for m in taken}
sids = {m["sid"] for m in taken}
known = sum(1 for line in open(f"{out}/provider-ids") if line.strip() in sids)
last, gaps = {}, collections.defaultdict(list)
for r in map(json.loads, open(f"{out}/twilio.jsonl.requests")):
    if r["body"] in last:
        gaps[last[r["body"]]["status"]].append(r["t"] - last[r["body"]]["t"])
    last[r["body"]] = r
gap = lambda status: round(min(gaps[status]), 1) if gaps[status] else "null"
print(len(taken), len(bodies), len(taken) - len(bodies), known, gap(429), gap(500))
EOF
)
STATS=$(twilio_stats)
REFUSED=$(echo "$STATS" | python3 -c "import json,sys; s=json.load(sys.stdin); print(s.get('429', 0) + s.get('500', 0))")
RESULT="{\"scenario\":\"twilio-errors\",\"messages\":$EXPECTED,\"sends_answered_200\":$SENT_OK,\"outage_s\":$OUTAGE,\"accepted\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"retried\":$RETRIED,\"refused\":$REFUSED,\"twilio_answers\":$STATS,\"provider_ids_known\":$SIDS_KNOWN,\"retry_after_s\":$RETRY_AFTER,\"min_wait_after_429_s\":$GAP_429,\"min_wait_after_500_s\":$GAP_500,\"drain_after_twilio_back_s\":$DRAIN,\"log_during_outage\":\"$DURING\",\"log\":\"$(deliveries remit_twilio)\"}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
[ "$UNIQUE" = "$EXPECTED" ] && [ "$EXPECTED" = "$SENT_OK" ] && [ "$DUPLICATES" = 0 ] && [ "$RETRIED" -gt 0 ] \
  || { log "FAILED: twilio-errors"; exit 1; }
log "passed: twilio-errors"
