-- Invoices (issue 3). Portable SQL for PostgreSQL and H2 in PostgreSQL mode.
-- Money is NUMERIC in major units of the invoice currency; nested documents are JSON text.

create table invoice_settings (
    location_id varchar(24)     primary key references location (id),
    document    varchar(100000) not null,
    updated_at  timestamp with time zone not null
);

-- One row per location; incremented in the transaction that inserts the invoice, so numbers have no gaps.
create table invoice_number_counter (
    location_id varchar(24) primary key references location (id),
    last_number bigint      not null
);

create table invoice (
    id                  varchar(24)   primary key,
    location_id         varchar(24)   not null references location (id),
    invoice_number      varchar(64)   not null,
    name                varchar(500)  not null,
    status              varchar(32)   not null,
    currency            varchar(3)    not null,
    issue_date          date          not null,
    due_date            date,
    contact_id          varchar(64),
    contact_name        varchar(500),
    contact_email       varchar(320),
    contact_phone       varchar(32),
    live_mode           boolean       not null,
    sub_total           numeric(20,4) not null,
    discount_total      numeric(20,4) not null,
    tax_total           numeric(20,4) not null,
    total               numeric(20,4) not null,
    amount_paid         numeric(20,4) not null,
    amount_due          numeric(20,4) not null,
    public_token        varchar(64)   not null,
    document            varchar(1000000) not null,
    last_visited_at     timestamp with time zone,
    visit_count         integer       not null,
    sent_at             timestamp with time zone,
    voided_at           timestamp with time zone,
    version             bigint        not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint invoice_number_unique unique (location_id, invoice_number),
    constraint invoice_public_token_unique unique (public_token)
);
create index invoice_location_issue_idx on invoice (location_id, issue_date);
create index invoice_location_status_idx on invoice (location_id, status);
create index invoice_location_contact_idx on invoice (location_id, contact_id);

-- Every payment of an invoice, manual or (later) through a provider; amount_paid is their sum.
create table invoice_payment (
    id            varchar(24)   primary key,
    location_id   varchar(24)   not null references location (id),
    invoice_id    varchar(24)   not null references invoice (id),
    amount        numeric(20,4) not null,
    currency      varchar(3)    not null,
    mode          varchar(32)   not null,
    source        varchar(32)   not null,
    card_brand    varchar(64),
    card_last4    varchar(8),
    cheque_number varchar(128),
    notes         varchar(5000),
    meta          varchar(100000),
    provider_ref  varchar(255),
    fulfilled_at  timestamp with time zone not null,
    created_at    timestamp with time zone not null
);
create index invoice_payment_invoice_idx on invoice_payment (location_id, invoice_id);
