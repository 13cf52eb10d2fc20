-- Estimates (issue 14, docs/estimates.md). Portable SQL for PostgreSQL and H2 in PostgreSQL mode.
-- As invoices: the row holds what lists and filters read, the content (items with their taxes,
-- discount, details, frequencySettings, autoInvoice, ...) is a JSON document. Numbers come from
-- number_sequence, kind 'estimate'.
create table estimate (
    id                  varchar(24)      primary key,
    location_id         varchar(24)      not null references location (id),
    estimate_number     varchar(64)      not null,
    name                varchar(500)     not null,
    status              varchar(32)      not null,
    currency            varchar(3)       not null,
    issue_date          date             not null,
    expiry_date         date             not null,
    contact_id          varchar(64),
    contact_name        varchar(500),
    contact_email       varchar(320),
    contact_phone       varchar(32),
    live_mode           boolean          not null,
    total               numeric(20,4)    not null,
    auto_invoice        boolean          not null,
    public_token        varchar(64)      not null,
    document            varchar(1000000) not null,
    invoice_id          varchar(24),
    last_visited_at     timestamp with time zone,
    visit_count         integer          not null,
    sent_at             timestamp with time zone,
    accepted_at         timestamp with time zone,
    accepted_name       varchar(500),
    accepted_signature  text,
    declined_at         timestamp with time zone,
    decline_reason      varchar(2000),
    expired_at          timestamp with time zone,
    invoiced_at         timestamp with time zone,
    version             bigint           not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint estimate_number_unique unique (location_id, estimate_number),
    constraint estimate_public_token_unique unique (public_token)
);
create index estimate_location_issue_idx on estimate (location_id, issue_date);
create index estimate_location_status_idx on estimate (location_id, status, issue_date);
create index estimate_location_contact_idx on estimate (location_id, contact_id);

-- Who did what to an estimate, and when (its estimateActionHistory), numbered 1, 2, ... per estimate.
create table estimate_action_history (
    location_id   varchar(24)   not null,
    estimate_id   varchar(24)   not null references estimate (id) on delete cascade,
    seq           integer       not null,
    action        varchar(32)   not null,
    actor         varchar(16)   not null,
    actor_id      varchar(64),
    actor_name    varchar(500),
    note          varchar(2000),
    created_at    timestamp with time zone not null,
    primary key (estimate_id, seq)
);
create index estimate_action_history_location on estimate_action_history (location_id, estimate_id);

-- The invoice made from an estimate: one per estimate, whichever request or instance makes it
-- (the last line of defence behind the estimate's row lock), and one estimate per invoice.
create table estimate_invoice (
    location_id   varchar(24)   not null,
    estimate_id   varchar(24)   not null references estimate (id) on delete cascade,
    invoice_id    varchar(24)   not null,
    created_at    timestamp with time zone not null,
    primary key (estimate_id),
    constraint estimate_invoice_invoice_unique unique (location_id, invoice_id)
);
