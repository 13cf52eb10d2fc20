-- Webhooks out: a location's subscriptions and the log of every webhook queued for them. The
-- delivery job ("deliver-webhook") carries only a delivery's id; the invoice as it was when the
-- event happened is kept here (payload), so every attempt and a replay send the same invoice.
create table webhook_subscription (
    id                varchar(24)   primary key,
    location_id       varchar(24)   not null references location (id),
    url               varchar(2048) not null,
    events            varchar(1000) not null,
    hmac_secret       varchar(200),
    enabled           boolean       not null,
    disabled_reason   varchar(500),
    failing_since     timestamp with time zone,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
create index webhook_subscription_location_idx on webhook_subscription (location_id);

create table webhook_delivery (
    id              varchar(24)   primary key,
    webhook_id      varchar(64)   not null,
    subscription_id varchar(24)   not null references webhook_subscription (id) on delete cascade,
    location_id     varchar(24)   not null,
    invoice_id      varchar(24)   not null,
    event_type      varchar(40)   not null,
    seq             bigint        not null,
    live_mode       boolean       not null,
    status          varchar(16)   not null,
    attempts        integer       not null,
    last_status     integer,
    last_error      varchar(500),
    created_at      timestamp with time zone not null,
    last_attempt_at timestamp with time zone,
    next_attempt_at timestamp with time zone,
    delivered_at    timestamp with time zone,
    replay_of       varchar(24),
    payload         text          not null
);
create index webhook_delivery_stream_idx on webhook_delivery (subscription_id, invoice_id, seq);
create index webhook_delivery_log_idx on webhook_delivery (subscription_id, created_at);
