-- PostgreSQL only: once invoice_search_idx (V25) exists, the search reads it alone; V8's five
-- table-wide trigram indexes would only cost every insert and update of an invoice.
do $$
begin
    if exists (select 1 from pg_class where relname = 'invoice_search_idx' and relkind = 'i'
               and relnamespace = (select oid from pg_namespace where nspname = current_schema())) then
        drop index if exists invoice_name_trgm_idx;
        drop index if exists invoice_number_trgm_idx;
        drop index if exists invoice_contact_name_trgm_idx;
        drop index if exists invoice_contact_email_trgm_idx;
        drop index if exists invoice_contact_phone_trgm_idx;
    end if;
end
$$;
