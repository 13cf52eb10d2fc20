-- PostgreSQL only (spring.flyway.locations adds db/vendor/{vendor}): trigram indexes, so that the
-- list's search (a substring of the name, number, contact name or email: LIKE '%term%') reads the
-- matching invoices instead of every invoice of the location. pg_trgm ships with PostgreSQL and is a
-- trusted extension (any user who may create in the database may install it); where it cannot be
-- installed, the search still works, scanning the location, and the migration says so.
do $$
declare
    trgm text;
begin
    begin
        create extension if not exists pg_trgm with schema public;
    exception when others then
        raise notice 'pg_trgm could not be installed (%): invoice search will scan each location', sqlerrm;
    end;
    select n.nspname into trgm from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    if trgm is null then
        return;
    end if;
    execute format('create index invoice_name_trgm_idx on invoice using gin (lower(name) %I.gin_trgm_ops)', trgm);
    execute format('create index invoice_number_trgm_idx on invoice using gin (lower(invoice_number) %I.gin_trgm_ops)', trgm);
    execute format('create index invoice_contact_name_trgm_idx on invoice using gin (lower(contact_name) %I.gin_trgm_ops)', trgm);
    execute format('create index invoice_contact_email_trgm_idx on invoice using gin (contact_email %I.gin_trgm_ops)', trgm);
    execute format('create index invoice_contact_phone_trgm_idx on invoice using gin (contact_phone %I.gin_trgm_ops)', trgm);
end
$$;
