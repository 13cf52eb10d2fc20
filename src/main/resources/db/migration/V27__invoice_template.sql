-- Invoice templates (issue 12): what a new invoice starts from. Portable SQL for PostgreSQL and H2.
-- The template's body (items, business details, discount, terms, late fees, payment methods, tips,
-- ...) is kept as JSON as it was sent; name, currency and total are columns for listing and search.
create table invoice_template (
    id           varchar(24)   primary key,
    location_id  varchar(24)   not null references location (id),
    name         varchar(500)  not null,
    title        varchar(500),
    currency     varchar(3)    not null,
    total        numeric(20,4) not null,
    document     text          not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);

create index invoice_template_location_created on invoice_template (location_id, created_at);
