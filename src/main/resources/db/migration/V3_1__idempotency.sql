-- Idempotency-Key (remit's own, as Stripe has it): the first answer to a key, per location, for 24 hours.
create table idempotency_key (
    location_id  varchar(24)  not null references location (id),
    idem_key     varchar(255) not null,
    request_hash varchar(64)  not null,
    response     text,
    created_at   timestamp with time zone not null,
    primary key (location_id, idem_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
