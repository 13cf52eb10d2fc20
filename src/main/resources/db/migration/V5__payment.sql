-- Payments (issue 6). Portable SQL for PostgreSQL and H2 in PostgreSQL mode.
-- The ledger itself is the invoice capability's invoice_payment table; these tables say what the
-- payment provider did and make each provider event, charge and attempt count once.

-- A location's Stripe account. Every secret is AES-256-GCM ciphertext (see SecretBox), never plain text.
create table payment_stripe_account (
    location_id          varchar(24)   primary key references location (id),
    test_secret_key      varchar(1000),
    live_secret_key      varchar(1000),
    test_webhook_secret  varchar(1000),
    live_webhook_secret  varchar(1000),
    updated_at           timestamp with time zone not null
);

-- Each Stripe event handled once: inserted in the transaction that acts on it.
create table payment_webhook_event (
    event_id     varchar(255) primary key,
    location_id  varchar(24)  not null references location (id),
    event_type   varchar(100) not null,
    live_mode    boolean      not null,
    received_at  timestamp with time zone not null
);

-- Money the provider took, one row per PaymentIntent: the key that makes recording a payment idempotent
-- whichever of the webhook, the checkout return or the auto-charge sees it first.
create table payment_provider_charge (
    location_id   varchar(24)   not null references location (id),
    provider      varchar(16)   not null,
    provider_ref  varchar(255)  not null,
    invoice_id    varchar(24)   not null,
    amount        numeric(20,4) not null,
    currency      varchar(3)    not null,
    live_mode     boolean       not null,
    card_brand    varchar(64),
    card_last4    varchar(8),
    applied       boolean       not null,
    note          varchar(1000),
    created_at    timestamp with time zone not null,
    primary key (location_id, provider, provider_ref)
);
create index payment_provider_charge_invoice_idx on payment_provider_charge (location_id, invoice_id);

-- Attempts to take money: auto-charges (claimed here before Stripe is called) and failures reported by webhooks.
create table payment_attempt (
    id               varchar(24)   primary key,
    location_id      varchar(24)   not null references location (id),
    invoice_id       varchar(24)   not null,
    kind             varchar(16)   not null,
    attempt_no       integer       not null,
    amount           numeric(20,4) not null,
    currency         varchar(3)    not null,
    idempotency_key  varchar(255),
    status           varchar(24)   not null,
    provider_ref     varchar(255),
    failure_code     varchar(100),
    failure_message  varchar(1000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create unique index payment_attempt_key_uq on payment_attempt (location_id, idempotency_key);
create index payment_attempt_invoice_idx on payment_attempt (location_id, invoice_id);
