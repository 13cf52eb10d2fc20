-- The statements GET /invoices/{id} needs, as pgbench's ceiling for it: the token by its hash, then the
-- invoice with its payments' sum (InvoiceRepository.find). remit reads the token from its cache
-- (remit.tokens.cache-ttl) and its rate-limit counts from memory most of the time, so this is more
-- than it runs per request: the ceiling is the SQL a GET cannot do without, each statement on its own.
-- Variables (pgbench -D): invoices (rows of bench_invoice, filled by bench/run.sh).
\set n random(1, :invoices)
select id as inv, location_id as location from bench_invoice where n = :n \gset
select * from api_token where token_hash = (select token_hash from api_token order by id limit 1) and revoked_at is null;
select i.*, (select coalesce(sum(p.amount), 0) from invoice_payment p
             where p.location_id = i.location_id and p.invoice_id = i.id) as paid
  from invoice i where i.location_id = :location and i.id = :inv;
