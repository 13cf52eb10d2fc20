-- The statements one POST /invoices/{id}/send (action email, one recipient, no Idempotency-Key) runs,
-- in the order and transactions remit runs them, as read from PostgreSQL's log with log_statement = all
-- (docs/benchmarks.md says how). Variables (pgbench -D): invoices (rows of bench_invoice: the invoices wrk
-- sends, with their location and user, filled by bench/send.sh), payload (the delivery row's size in characters).
\set n random(1, :invoices)
select id as inv, location_id as location, user_id as usr from bench_invoice where n = :n \gset
-- the gate: the token, then the rate limiter's two windows in one transaction
select * from api_token where token_hash = (select token_hash from api_token order by id limit 1) and revoked_at is null;
begin;
update rate_limit_window set hits = hits + 1 where resource_id = :location and window_kind = 'burst' and window_start = 1;
select hits from rate_limit_window where resource_id = :location and window_kind = 'burst' and window_start = 1;
update rate_limit_window set hits = hits + 1 where resource_id = :location and window_kind = 'day' and window_start = 1;
select hits from rate_limit_window where resource_id = :location and window_kind = 'day' and window_start = 1;
commit;
-- the user and the location
select count(*) from user_location where user_id = :usr and location_id = :location;
select * from location where id = :location;
-- the send: read the invoice and the settings, queue the message (pending: the delivery worker writes
-- its HTML and PDF) and its task, mark the invoice sent
begin;
select i.*, (select coalesce(sum(p.amount), 0) from invoice_payment p
             where p.location_id = i.location_id and p.invoice_id = i.id) as paid
  from invoice i where i.location_id = :location and i.id = :inv;
select document from invoice_settings where location_id = :location;
\set r random(1, 1000000000)
insert into delivery (id, location_id, invoice_id, channel, message_id, recipients, sandboxed, status, attempts, queued_at, payload)
  values (substr(md5(:r::text || clock_timestamp()::text), 1, 24), :location, :inv, 'pgbench',
          '<' || md5(:r::text || clock_timestamp()::text) || '@remit.example>', '{"to":["customer@customer.example"],"cc":[],"bcc":[]}',
          false, 'queued', 0, now(), repeat('x', :payload));
select * from scheduled_tasks where task_name = 'deliver-message' and task_instance = 'pgbench-' || :r::text;
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
  values ('pgbench-send', substr(md5(:r::text || clock_timestamp()::text), 1, 24),
          convert_to('{"data":{"locationId":"' || :location || '","deliveryId":"' || substr(md5(:r::text), 1, 24)
                     || '"},"failures":0,"since":"2031-03-03T15:00:00.123Z","due":"2031-03-03T15:00:00.123Z"}', 'UTF8'),
          now() + interval '1 day', false, 1);
update invoice set status = 'sent', document = document || '', sent_at = now(), version = version + 1, updated_at = now()
  where location_id = :location and id = :inv;
commit;
