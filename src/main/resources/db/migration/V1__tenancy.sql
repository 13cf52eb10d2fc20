-- One set of migrations for PostgreSQL and for H2 in PostgreSQL mode: portable types only.

create table company (
    id          varchar(24)  primary key,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table location (
    id          varchar(24)  primary key,
    company_id  varchar(24)  not null references company (id),
    name        varchar(200) not null,
    country     varchar(2)   not null,
    time_zone   varchar(64)  not null,
    created_at  timestamp with time zone not null
);
create index location_company_idx on location (company_id);

create table app_user (
    id          varchar(24)  primary key,
    company_id  varchar(24)  not null references company (id),
    name        varchar(200) not null,
    email       varchar(320),
    created_at  timestamp with time zone not null
);

create table user_location (
    user_id     varchar(24) not null references app_user (id),
    location_id varchar(24) not null references location (id),
    primary key (user_id, location_id)
);

-- Tokens are stored only as the SHA-256 of the secret; the secret is shown once.
create table api_token (
    id          varchar(24)  primary key,
    token_hash  varchar(64)  not null unique,
    kind        varchar(32)  not null,
    company_id  varchar(24)  not null references company (id),
    location_id varchar(24)  references location (id),
    label       varchar(200) not null,
    scopes      varchar(2000) not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);

-- Fixed-window request counters shared by every instance on this database.
create table rate_limit_window (
    resource_id  varchar(24) not null,
    window_kind  varchar(8)  not null,
    window_start bigint      not null,
    hits         integer     not null,
    primary key (resource_id, window_kind, window_start)
);

-- db-scheduler's table (its PostgreSQL schema, with varchar keys so H2 accepts them too).
create table scheduled_tasks (
    task_name            varchar(100)  not null,
    task_instance        varchar(200)  not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean       not null,
    picked_by            varchar(100),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint        not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
