#!/usr/bin/env bash
# bench/growth.sh OUT BASE DB COUNT: cost as work grows. One location gets COUNT invoices (one made
# through the API, the rest copied from it by SQL: a million through the API would take an hour; a
# second call with a larger COUNT adds the difference),
# then GET and the list are measured with wrk, and the PostgreSQL plans of the statements remit runs
# for them are kept (EXPLAIN ANALYZE). Called by bench/run.sh; needs its tenants file.
set -euo pipefail
OUT=$1 BASE=$2 DB=$3 COUNT=$4
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d $DB"
read -r LOC TOKEN USER < "$OUT/big-tenant.txt"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

TEMPLATE=$(curl -sf -X POST "$BASE/invoices/" -H 'Version: 2021-07-28' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d @- <<EOF | jq -r ._id
{"altId":"$LOC","altType":"location","name":"Growth invoice","businessDetails":{"name":"Acme Plumbing"},"currency":"USD",
 "items":[{"name":"Consulting","currency":"USD","amount":120.5,"qty":3,"taxes":[]}],"discount":{"type":"percentage","value":0},
 "contactDetails":{"id":"c1","name":"Customer","phoneNo":"+12145596993","email":"customer@customer.example"},
 "issueDate":"2026-01-10","dueDate":"2026-12-31","sentTo":{"email":["customer@customer.example"]},"liveMode":false}
EOF
)
EXISTING=$($PG -c "select count(*) from invoice where location_id = '$LOC'")
log "growth: copying invoice $TEMPLATE until location $LOC has $COUNT invoices (it has $EXISTING)"
t0=$(date +%s)
$PG <<SQL
insert into invoice (id, location_id, invoice_number, name, status, currency, issue_date, due_date, contact_id,
    contact_name, contact_email, contact_phone, live_mode, sub_total, discount_total, tax_total, total, amount_paid,
    amount_due, public_token, document, last_visited_at, visit_count, sent_at, voided_at, version, created_at, updated_at)
select substr(md5('growth' || g), 1, 24), t.location_id, 'G-' || g, 'Growth invoice ' || g,
    (array['draft','sent','paid','partially_paid','void'])[1 + g % 5], t.currency,
    date '2024-01-01' + (g % 1000), date '2024-01-01' + (g % 1000) + 30, 'c' || (g % 5000),
    'Customer ' || (g % 5000), 'customer' || (g % 5000) || '@customer.example', t.contact_phone, g % 2 = 0,
    t.sub_total, t.discount_total, t.tax_total, t.total, t.amount_paid, t.amount_due,
    md5('token' || g) || md5('more' || g), t.document, null, 0, null, null, 1,
    t.created_at + g * interval '1 second', t.updated_at
from invoice t, generate_series($EXISTING, $COUNT - 1) g
where t.id = '$TEMPLATE';
vacuum analyze invoice; -- the state autovacuum leaves a table in after inserts: index-only scans possible
SQL
log "growth: $COUNT invoices in $(( $(date +%s) - t0 )) s"

$PG -F' ' -c "select location_id, id from invoice where location_id = '$LOC' order by random() limit 2000" \
  | awk -v t="$TOKEN" -v u="$USER" '{print $1, t, u, $2}' > "$OUT/big-targets.txt"

# The statements remit runs (InvoiceRepository), with literal values
SOME=$(awk 'NR==1{print $4}' "$OUT/big-targets.txt")
SELECT="select i.*, (select coalesce(sum(p.amount), 0) from invoice_payment p where p.location_id = i.location_id and p.invoice_id = i.id) as paid from invoice i"
ORDER="order by i.issue_date desc, i.created_at desc, i.id desc limit 20 offset 40"
{
  echo "### get: $SELECT where i.location_id = ... and i.id = ..."
  $PG -c "explain analyze $SELECT where i.location_id = '$LOC' and i.id = '$SOME'"
  echo; echo "### list, no filter (page 3 of 20)"
  $PG -c "explain analyze $SELECT where i.location_id = '$LOC' $ORDER"
  echo; echo "### list, count, no filter"
  $PG -c "explain analyze select count(*) from invoice i where i.location_id = '$LOC'"
  echo; echo "### list, status = sent and a date range"
  $PG -c "explain analyze $SELECT where i.location_id = '$LOC' and i.status = 'sent' and i.issue_date >= '2025-01-01' and i.issue_date <= '2025-12-31' $ORDER"
  echo; echo "### list, count, status = sent and a date range"
  $PG -c "explain analyze select count(*) from invoice i where i.location_id = '$LOC' and i.status = 'sent' and i.issue_date >= '2025-01-01' and i.issue_date <= '2025-12-31'"
  echo; echo "### list, contact"
  $PG -c "explain analyze $SELECT where i.location_id = '$LOC' and i.contact_id = 'c42' $ORDER"
  for term in "customer 42" bench; do
    echo; echo "### list, search '$term' (InvoiceSearch: the location's matches through invoice_search_idx, then the page and total)"
    $PG -c "explain analyze select i.*, m.matches from (select m.id, m.issue_date, m.created_at, count(*) over () as matches
      from (select m.id, m.issue_date, m.created_at from (select s.id, s.issue_date, s.created_at, s.status, s.live_mode, s.contact_id
      from invoice s where s.location_id = '$LOC' and (s.id = '$term' or (lower(s.name) || E'\\n' || lower(s.invoice_number) || E'\\n'
      || coalesce(lower(s.contact_name), '') || E'\\n' || coalesce(s.contact_email, '')) like '%$term%') offset 0) m where 1 = 1) m
      order by m.issue_date desc, m.created_at desc, m.id desc limit 20 offset 40) m join invoice i on i.location_id = '$LOC' and i.id = m.id
      order by m.issue_date desc, m.created_at desc, m.id desc"
  done
} > "$OUT/plans-$COUNT.txt" 2>&1
if grep -q "Seq Scan on invoice " "$OUT/plans-$COUNT.txt"; then
  log "growth: a plan has a sequential scan on invoice (see plans-$COUNT.txt)"
fi

DURATION=${GROWTH_DURATION:-${DURATION:-30s}}
for script in get list; do
  TARGETS="$OUT/big-targets.txt" wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-16}" -d"$DURATION" --timeout 10s --latency \
    -s "bench/wrk/$script.lua" "$BASE" > "$OUT/$script-$COUNT.wrk.txt" 2>&1 || true
  tail -1 "$OUT/$script-$COUNT.wrk.txt" | jq -c --arg name "$script-at-$COUNT" '. + {name: $name}' >> "$OUT/results.jsonl"
  log "$script at $COUNT: $(tail -1 "$OUT/results.jsonl")"
done
