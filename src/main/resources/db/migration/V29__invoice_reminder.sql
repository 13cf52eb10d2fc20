-- Reminders sent for invoices (issue 12, docs/reminders.md): one row per reminder number of each of
-- an invoice's reminders. The primary key makes a reminder go out once, whichever instance or retry sends it.
create table invoice_reminder (
    location_id     varchar(24)  not null,
    invoice_id      varchar(24)  not null references invoice (id) on delete cascade,
    reminder_id     varchar(64)  not null,
    reminder_number integer      not null,
    reminder_name   varchar(200) not null,
    due_at          timestamp with time zone not null,
    sent_at         timestamp with time zone not null,
    channels        varchar(40)  not null,
    primary key (invoice_id, reminder_id, reminder_number)
);

create index invoice_reminder_location on invoice_reminder (location_id, invoice_id);
