-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.1, schema v2 for H2):
-- one row per event and transactional listener, written in the transaction that published the event,
-- completed when the listener succeeded. Rows left incomplete are published again at the next start
-- (spring.modulith.events.republish-outstanding-events-on-restart). serialized_event is wider than
-- Spring Modulith's 4000 characters: invoice events carry the invoice.
create table event_publication (
    id                     uuid not null,
    completion_date        timestamp(9) with time zone,
    event_type             varchar(512) not null,
    listener_id            varchar(512) not null,
    publication_date       timestamp(9) with time zone not null,
    serialized_event       varchar(1000000) not null,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp(9) with time zone,
    primary key (id)
);
create index event_publication_by_listener_id_and_serialized_event_idx on event_publication (listener_id, serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
