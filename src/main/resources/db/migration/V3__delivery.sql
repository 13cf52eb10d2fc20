-- The delivery log: one row per outbound email or SMS, with the message itself (payload, JSON),
-- so that a delivery task carries only the row's id. Portable SQL for PostgreSQL and H2.

create table delivery (
    id              varchar(24)   primary key,
    location_id     varchar(24)   not null references location (id),
    invoice_id      varchar(24),
    channel         varchar(8)    not null,
    message_id      varchar(300)  not null,
    recipients      varchar(8000) not null,
    sandboxed       boolean       not null,
    status          varchar(16)   not null,
    attempts        integer       not null,
    last_error      varchar(500),
    provider_id     varchar(300),
    queued_at       timestamp with time zone not null,
    last_attempt_at timestamp with time zone,
    next_attempt_at timestamp with time zone,
    sent_at         timestamp with time zone,
    payload         text          not null
);
create unique index delivery_message_id_idx on delivery (message_id);
create index delivery_invoice_idx on delivery (location_id, invoice_id, queued_at);
