-- PostgreSQL only (spring.flyway.locations adds db/vendor/{vendor}): one GIN index whose first column is
-- the location (btree_gin) and whose others are the trigrams of the text the list's search reads
-- (InvoiceSearch.DOCUMENT: name, number, contact name and email joined by a newline) and of the phone.
-- A search reads the location's entries of the term's trigrams only, however many invoices the location
-- or the table holds. btree_gin and pg_trgm ship with PostgreSQL and are trusted extensions; where
-- either cannot be installed, the search still works (on V8's indexes, or scanning the location) and
-- the migration says so.
do $$
declare
    trgm text;
    btree text;
begin
    begin
        -- asked first rather than "if not exists", whose notice Flyway logs as a warning at every first start
        if not exists (select 1 from pg_extension where extname = 'btree_gin') then
            create extension btree_gin with schema public;
        end if;
    exception when others then
        raise notice 'btree_gin could not be installed (%): invoice search will not be restricted by location in its index', sqlerrm;
    end;
    select n.nspname into trgm from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    select n.nspname into btree from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'btree_gin';
    if trgm is null or btree is null then
        return;
    end if;
    execute format('create index invoice_search_idx on invoice using gin (location_id %I.varchar_ops, '
        || '(lower(name) || E''\n'' || lower(invoice_number) || E''\n'' || coalesce(lower(contact_name), '''') || E''\n'' '
        || '|| coalesce(contact_email, '''')) %I.gin_trgm_ops, contact_phone %I.gin_trgm_ops)', btree, trgm, trgm);
end
$$;
