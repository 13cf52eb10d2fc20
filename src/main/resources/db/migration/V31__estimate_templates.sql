-- Estimate templates (issue 14, docs/estimates.md): what a new estimate starts from. As
-- invoice_template: the body as JSON, name, currency and total as columns for listing and search.
create table estimate_template (
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

create index estimate_template_location_created on estimate_template (location_id, created_at);
