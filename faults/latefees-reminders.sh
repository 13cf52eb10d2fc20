#!/usr/bin/env bash
# Late fees and reminders, by the real clock, through kill -9 and two instances. INVOICES (default 200)
# invoices due yesterday accrue late fees (fixed 1.00 every minute from the send, no grace, at most
# 3.00: fees at the send, a minute and two minutes later), and INVOICES more, due today, have four
# reminders each, one email apiece at a second planned from how long the sends took (intervalType
# secondly, maxReminders 1; their own subject and message). Two instances (a, b) run it all. Both are
# killed with -9 a third of the way through the second reminder round and started again (a2, b2) once
# the next fee has fallen due; the third reminders fall due while both are down. Rule: every fee
# invoice has exactly 3 fees, one a minute from its send, 3.00 in all (total and amount due 103.00),
# and those due before the restart but not applied at the kill are caught up once each; every reminder due after its invoice's
# send is recorded once, at its time or later, and received once at the SMTP sink with its own subject
# and message, duplicates no more than the deliveries in flight at the kill. About 3 minutes on 2 idle
# cores; see docs/faults.md.
FAULTS_OUT=${FAULTS_OUT:-$(pwd)/faults/out/latefees-reminders}
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
INVOICES=${INVOICES:-200} PORT_A=${PORT_A:-18191} PORT_B=${PORT_B:-18192} SMTP=${SMTP:-2531}
export TENANT_TZ=${TENANT_TZ:-America/Chicago}
FAST_RECOVERY="--db-scheduler.heartbeat-interval=2s"
DB=remit_latefees
BASES="http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B"
T_START=$(date +%s)
# times are epoch milliseconds
now() { date +%s%3N; }
sleep_until() { local d=$(( $1 - $(now) )); [ "$d" -le 0 ] || sleep "$((d / 1000)).$(printf %03d $((d % 1000)))"; }
ts() { echo "to_timestamp($1 / 1000.0)"; }
secs() { echo "$(( $1 / 1000 )).$(( ($1 % 1000) / 100 ))"; }
max() { [ "$1" -ge "$2" ] && echo "$1" || echo "$2"; }
q() { psql_f -d $DB -c "$1"; }
rm -rf "$FAULTS_OUT" && mkdir -p "$FAULTS_OUT"
pg_start; fresh_db $DB
tenant $DB "$FAULTS_OUT/tenant.txt"
sink_start "$FAULTS_OUT/mail" "$SMTP"
remit_launch a "$PORT_A" $DB "$SMTP" $FAST_RECOVERY; A=$REMIT_PID
remit_launch b "$PORT_B" $DB "$SMTP" $FAST_RECOVERY; B=$REMIT_PID
remit_wait a "$PORT_A" $A; remit_wait b "$PORT_B" $B
log "latefees-reminders: two instances ready after $(( $(date +%s) - T_START )) s"

# 1. the fee invoices, created and sent (send_manually: no email of their own) through both instances
python3 - "$TENANT_TZ" > "$FAULTS_OUT/fees-extra.json" <<'EOF'
import datetime, json, sys, zoneinfo
today = datetime.datetime.now(zoneinfo.ZoneInfo(sys.argv[1])).date()
due = today - datetime.timedelta(days=1)
print(json.dumps({"issueDate": str(due - datetime.timedelta(days=30)), "dueDate": str(due),
                  "lateFeesConfiguration": {"enable": True, "value": 1, "type": "fixed",
                                            "frequency": {"intervalCount": 1, "interval": "minute"},
                                            "grace": {"intervalCount": 0, "interval": "day"},
                                            "maxLateFees": {"type": "fixed", "value": 3}}}))
EOF
T_F0=$(now)
python3 "$(dirname "$0")/driver.py" "$BASES" "$FAULTS_OUT/tenant.txt" "$INVOICES" "$FAULTS_OUT/fees" --send \
  --action send_manually --threads 4 --extra "$FAULTS_OUT/fees-extra.json" > "$FAULTS_OUT/fees.json"
S_F=$(now); TOOK=$((S_F - T_F0))
log "latefees-reminders: fee invoices $(cat "$FAULTS_OUT/fees.json")"

# 2. the reminders' seconds, from how long those sends took (the reminder invoices' sends take about as
# long): r1 once they are sent, r2 when round 1 is done (the kill comes during it), r3 soon after the
# kill (while both are down), r4 after the restart
T1=$(( S_F + $(max $((2 * TOOK)) $((TOOK + 8000))) + 10000 ))
T2=$(( T1 + $(max 15000 "$TOOK") )) T3=$(( T1 + $(max 15000 "$TOOK") + 15000 ))
T4=$(( T3 + 50000 ))
# they count from their anchor: today (the due date) at startTime, this minute in the zone
python3 - "$TENANT_TZ" "$T1" "$T2" "$T3" "$T4" > "$FAULTS_OUT/reminders-extra.json" 3> "$FAULTS_OUT/plan.txt" <<'EOF'
import datetime, json, os, sys, zoneinfo
zone = zoneinfo.ZoneInfo(sys.argv[1])
anchor = datetime.datetime.now(zone).replace(second=0, microsecond=0)
reminders, planned = [], []
for k, at in enumerate(sys.argv[2:], start=1):
    gap = round(int(at) / 1000 - anchor.timestamp())
    planned.append(f"r{k}={(int(anchor.timestamp()) + gap) * 1000}")
    reminders.append({"enabled": True, "reminderId": f"r{k}", "reminderName": f"Reminder {k}",
                      "emailSubject": f"Reminder r{k}: invoice {{{{invoice.number}}}} for {{{{invoice.amount_due}}}}",
                      "emailTemplate": "Hello {{contact.first_name}}, {{invoice.amount_due}} is due today: {{invoice.url}}",
                      "smsTemplate": "", "reminderTime": "after", "intervalType": "secondly", "reminderNumber": gap,
                      "maxReminders": 1, "reminderInvoiceCondition": "invoice_sent",
                      "startTime": anchor.strftime("%I:%M %p").lstrip("0"), "timezone": "businessTZ"})
print(json.dumps({"issueDate": str(anchor.date()), "dueDate": str(anchor.date()),
                  "remindersConfiguration": {"reminderSettings": {"defaultEmailTemplateId": "default",
                                                                  "reminders": reminders}}}))
os.write(3, (" ".join(planned) + "\n").encode())
EOF
python3 "$(dirname "$0")/driver.py" "$BASES" "$FAULTS_OUT/tenant.txt" "$INVOICES" "$FAULTS_OUT/reminders" --send \
  --action send_manually --threads 4 --extra "$FAULTS_OUT/reminders-extra.json" > "$FAULTS_OUT/reminders.json"
S_R=$(now)
log "latefees-reminders: reminder invoices $(cat "$FAULTS_OUT/reminders.json"); reminders at $(cat "$FAULTS_OUT/plan.txt") (ms)"
FEE_OK=$(wc -l < "$FAULTS_OUT/fees.ok"); REM_OK=$(wc -l < "$FAULTS_OUT/reminders.ok")
[ "$FEE_OK" = "$INVOICES" ] && [ "$REM_OK" = "$INVOICES" ] || { log "FAILED: latefees-reminders (not every create and send answered 200)"; exit 1; }
FEE_IDS=$(cut -d' ' -f1 "$FAULTS_OUT/fees.ok" | sed "s/.*/'&'/" | paste -sd,)
REM_IDS=$(cut -d' ' -f1 "$FAULTS_OUT/reminders.ok" | sed "s/.*/'&'/" | paste -sd,)
PLANNED_ROWS=$(tr ' ' '\n' < "$FAULTS_OUT/plan.txt" | sed -E "s/^(r[0-9])=([0-9]+)$/('\1', to_timestamp(\2 \/ 1000.0))/" | paste -sd,)

# 3. kill -9 both a third of the way through the second reminder round
sleep_until "$T2"
until [ "$(q "select count(*) from invoice_reminder where reminder_id = 'r2'")" -ge $((INVOICES / 3)) ] \
  || [ "$(now)" -gt $((T2 + 20000)) ]; do sleep 0.05; done
kill -9 $A $B
T_KILL=$(now)
R2_AT_KILL=$(q "select count(*) from invoice_reminder where reminder_id = 'r2'")
IN_FLIGHT=$(q "select count(*) from scheduled_tasks where picked")
IN_FLIGHT_DELIVERIES=$(q "select count(*) from scheduled_tasks where picked and task_name = 'deliver-message'")
FEES_AT_KILL=$(q "select count(*) from invoice_late_fee")
# the next fee to fall due (ms), if one is still to come
NEXT_FEE=$(q "select coalesce(floor(extract(epoch from min(last)) * 1000)::bigint + 60000, 0) from
  (select max(due_at) as last from invoice_late_fee group by invoice_id having count(*) < 3) f")
wait $A $B 2>/dev/null || true
log "latefees-reminders: killed a and b with -9 $(secs $((T_KILL - S_F))) s after the fee sends; r2 recorded $R2_AT_KILL, fees $FEES_AT_KILL, $IN_FLIGHT executions in flight ($IN_FLIGHT_DELIVERIES deliveries)"

# 4. both started again once the next fee has fallen due (and at least 15 s later)
L=$(max $((T_KILL + 15000)) $((NEXT_FEE + 2000)))
sleep_until "$L"
remit_launch a2 "$PORT_A" $DB "$SMTP" $FAST_RECOVERY; A=$REMIT_PID
remit_launch b2 "$PORT_B" $DB "$SMTP" $FAST_RECOVERY; B=$REMIT_PID
remit_wait a2 "$PORT_A" $A; remit_wait b2 "$PORT_B" $B
T_UP=$(now)
log "latefees-reminders: a2 and b2 ready, down $(secs $((T_UP - T_KILL))) s"

# 5. until every fee, reminder and email is done (the last fees fall due two minutes after the sends)
EXPECTED_FEES=$((3 * INVOICES))
# a reminder is due when its time is not before its invoice's send (docs/reminders.md)
EXPECTED_REMINDERS=$(q "select count(*) from invoice i cross join (values $PLANNED_ROWS) p(reminder_id, at)
  where i.id in ($REM_IDS) and p.at >= i.sent_at")
DEADLINE=$(( $(max $(max $((S_F + 120000)) "$T4") "$T_UP") + ${DRAIN_TIMEOUT:-300} * 1000 ))
until [ "$(q "select count(*) from invoice_late_fee")" -ge $EXPECTED_FEES ] \
  && [ "$(q "select count(*) from invoice_reminder")" -ge "$EXPECTED_REMINDERS" ] \
  && [ "$(undelivered $DB)" = 0 ] && [ "$(find "$FAULTS_OUT/mail" -type f | wc -l)" -ge "$EXPECTED_REMINDERS" ]; do
  [ "$(now)" -gt "$DEADLINE" ] && { log "latefees-reminders: not done: $(deliveries $DB)"; break; }
  sleep 1
done
# a fee or reminder too many would come now, if at all
sleep 5

# 6. the checks
FEES=$(q "select count(*) from invoice_late_fee where invoice_id in ($FEE_IDS)")
OTHER_FEES=$(q "select count(*) from invoice_late_fee where invoice_id not in ($FEE_IDS)")
FEE_INVOICES_WRONG=$(q "select count(*) from invoice i left join (select invoice_id, count(*) n, sum(amount) s,
  min(fee_number) lo, max(fee_number) hi from invoice_late_fee group by 1) f on f.invoice_id = i.id
  where i.id in ($FEE_IDS) and (f.n is distinct from 3 or f.s <> 3 or f.lo <> 1 or f.hi <> 3)")
SPACING_WRONG=$(q "select count(*) from invoice_late_fee a join invoice_late_fee b on b.invoice_id = a.invoice_id
  and b.fee_number = a.fee_number + 1 where b.due_at - a.due_at <> interval '1 minute'")
FIRST_NOT_AT_SEND=$(q "select count(*) from invoice_late_fee where fee_number = 1
  and (due_at < $(ts "$T_F0") or due_at > $(ts "$S_F"))")
TOTALS_WRONG=$(q "select count(*) from invoice where id in ($FEE_IDS) and (total <> 103 or amount_due <> 103)")
FEES_APPLIED_EARLY=$(q "select count(*) from invoice_late_fee where applied_at < due_at")
# fees caught up: due before the restart and applied after the kill, each once (the counts above)
CAUGHT_UP=$(q "select count(*) from invoice_late_fee where due_at < $(ts "$T_UP") and applied_at >= $(ts "$T_KILL")")
REMINDERS=$(q "select count(*) from invoice_reminder")
# rows that should not be (not due, or at the wrong time) and reminders due that have no row
REMINDERS_WRONG=$(q "select count(*) from invoice_reminder r left join (values $PLANNED_ROWS) p(reminder_id, at)
  on p.reminder_id = r.reminder_id join invoice i on i.id = r.invoice_id where p.at is null or r.due_at <> p.at
  or p.at < i.sent_at or r.sent_at < r.due_at or r.reminder_number <> 1 or r.channels <> 'email'
  or r.invoice_id not in ($REM_IDS)")
REMINDERS_MISSING=$(q "select count(*) from invoice i cross join (values $PLANNED_ROWS) p(reminder_id, at)
  where i.id in ($REM_IDS) and p.at >= i.sent_at and not exists (select 1 from invoice_reminder r
  where r.invoice_id = i.id and r.reminder_id = p.reminder_id)")
R3_AFTER_RESTART=$(q "select count(*) from invoice_reminder where reminder_id = 'r3' and sent_at >= $(ts "$T_UP")")
EMAILS_LOGGED=$(q "select count(*) from delivery where channel = 'email'")
EMAILS_SENT=$(q "select count(*) from delivery where channel = 'email' and status = 'sent'")
read -r TOTAL UNIQUE DUPLICATES < <(mail_count "$FAULTS_OUT/mail")
# each message's own subject and message, filled in (a message counts once per Message-ID)
read -r SUBJECTS_RIGHT OWN_MESSAGES < <(python3 - "$FAULTS_OUT/mail" <<'EOF'
import email, email.policy, os, re, sys
seen, subjects, messages = set(), 0, 0
for path in [os.path.join(d, n) for d, _, names in os.walk(sys.argv[1]) for n in names]:
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    if m["Message-ID"] in seen:
        continue
    seen.add(m["Message-ID"])
    subjects += bool(re.fullmatch(r"Reminder r[1-4]: invoice \S+ for \D*100\.00", str(m["Subject"])))
    text = m.get_body(preferencelist=("plain",)).get_content()
    messages += bool(re.match(r"Hello Customer, \D*100\.00 is due today: http://localhost:\d+/i/\S+", text))
print(subjects, messages)
EOF
)
by_log() { for n in a b a2 b2; do printf '"%s":%s,' $n "$(grep -c "$1" "$FAULTS_OUT/remit-$n.log" || true)"; done | sed 's/,$//'; }
RUNTIME=$(( $(date +%s) - T_START ))
RESULT="{\"scenario\":\"latefees-reminders\",\"invoices\":$INVOICES,\"runtime_s\":$RUNTIME,\"fee_sends_s\":$(secs "$TOOK"),\
\"late_fees\":{\"expected\":$EXPECTED_FEES,\"applied\":$FEES,\"on_other_invoices\":$OTHER_FEES,\"invoices_wrong\":$FEE_INVOICES_WRONG,\
\"spacing_wrong\":$SPACING_WRONG,\"first_not_at_send\":$FIRST_NOT_AT_SEND,\"totals_wrong\":$TOTALS_WRONG,\"applied_early\":$FEES_APPLIED_EARLY,\
\"applied_before_kill\":$FEES_AT_KILL,\"caught_up_after_restart\":$CAUGHT_UP,\"runs_by_instance\":{$(by_log 'late fee(s) to invoice')}},\
\"reminders\":{\"expected\":$EXPECTED_REMINDERS,\"recorded\":$REMINDERS,\"wrong\":$REMINDERS_WRONG,\"missing\":$REMINDERS_MISSING,\
\"r2_recorded_at_kill\":$R2_AT_KILL,\"r3_sent_after_restart\":$R3_AFTER_RESTART,\"emails_logged\":$EMAILS_LOGGED,\"emails_sent\":$EMAILS_SENT,\
\"received\":$TOTAL,\"unique\":$UNIQUE,\"duplicates\":$DUPLICATES,\"subjects_right\":$SUBJECTS_RIGHT,\"own_messages\":$OWN_MESSAGES,\
\"sent_by_instance\":{$(by_log 'sent reminder')}},\"in_flight_at_kill\":$IN_FLIGHT,\"deliveries_in_flight_at_kill\":$IN_FLIGHT_DELIVERIES,\
\"down_s\":$(secs $((T_UP - T_KILL))),\"log\":\"$(deliveries $DB)\"}"
echo "$RESULT" | tee "$FAULTS_OUT/result.json"
# a fee still to come at the kill is due before the restart (the restart waits for it), so it is caught up
[ "$NEXT_FEE" = 0 ] && log "latefees-reminders: every fee was applied before the kill (sends took $(secs "$TOOK") s): no catch-up to see"
[ "$FEES" = "$EXPECTED_FEES" ] && [ "$OTHER_FEES" = 0 ] && [ "$FEE_INVOICES_WRONG" = 0 ] && [ "$SPACING_WRONG" = 0 ] \
  && [ "$FIRST_NOT_AT_SEND" = 0 ] && [ "$TOTALS_WRONG" = 0 ] && [ "$FEES_APPLIED_EARLY" = 0 ] \
  && { [ "$NEXT_FEE" = 0 ] || [ "$CAUGHT_UP" -ge 1 ]; } \
  && [ "$REMINDERS" = "$EXPECTED_REMINDERS" ] && [ "$REMINDERS_WRONG" = 0 ] && [ "$REMINDERS_MISSING" = 0 ] \
  && [ "$EMAILS_LOGGED" = "$EXPECTED_REMINDERS" ] && [ "$EMAILS_SENT" = "$EXPECTED_REMINDERS" ] \
  && [ "$UNIQUE" = "$EXPECTED_REMINDERS" ] && [ "$DUPLICATES" -le "$IN_FLIGHT_DELIVERIES" ] \
  && [ "$SUBJECTS_RIGHT" = "$UNIQUE" ] && [ "$OWN_MESSAGES" = "$UNIQUE" ] || { log "FAILED: latefees-reminders"; exit 1; }
log "passed: latefees-reminders"
