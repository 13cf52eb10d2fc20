-- Late fees applied to an invoice (issue 12, docs/late-fees.md): one row per fee, numbered 1, 2, ...
-- per invoice. The primary key makes a fee count once, whichever instance or retry applies it.
create table invoice_late_fee (
    location_id  varchar(24)   not null,
    invoice_id   varchar(24)   not null references invoice (id) on delete cascade,
    fee_number   integer       not null,
    amount       numeric(20,4) not null,
    currency     varchar(3)    not null,
    due_at       timestamp with time zone not null,
    applied_at   timestamp with time zone not null,
    rule_json    text          not null,
    primary key (invoice_id, fee_number)
);

create index invoice_late_fee_location on invoice_late_fee (location_id, invoice_id);
