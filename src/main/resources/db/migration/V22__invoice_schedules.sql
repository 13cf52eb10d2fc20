-- Recurring invoice schedules (issue 13). Portable SQL for PostgreSQL and H2 in PostgreSQL mode.
-- content and schedule are the JSON the caller sent (the invoice part, and schedule.executeAt/rrule);
-- last_occurrence and next_occurrence are local date-times of the location's zone (ISO text).

create table invoice_schedule (
    id               varchar(24)      primary key,
    location_id      varchar(24)      not null references location (id),
    name             varchar(500)     not null,
    status           varchar(16)      not null,
    live_mode        boolean          not null,
    currency         varchar(3)       not null,
    total            numeric(20,4)    not null,
    contact_name     varchar(500),
    contact_email    varchar(320),
    contact_phone    varchar(64),
    content          varchar(1000000) not null,
    schedule         varchar(100000)  not null,
    auto_payment     varchar(100000),
    last_occurrence  varchar(32),
    next_occurrence  varchar(32),
    next_run_at      timestamp with time zone,
    version          bigint           not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);

create index invoice_schedule_location on invoice_schedule (location_id, created_at);

-- One row per generated occurrence: the last line of defence against a second invoice for it.
create table invoice_schedule_occurrence (
    schedule_id  varchar(24) not null references invoice_schedule (id) on delete cascade,
    occurrence   varchar(32) not null,
    location_id  varchar(24) not null,
    invoice_id   varchar(24) not null,
    created_at   timestamp with time zone not null,
    primary key (schedule_id, occurrence)
);
