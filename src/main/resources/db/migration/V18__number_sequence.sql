-- Document numbers per location and kind of document (numbering.DocumentNumbers): invoices now,
-- estimates next. Replaces invoice_number_counter, whose counts become the 'invoice' sequence.
create table number_sequence (
    location_id varchar(24)  not null references location (id),
    kind        varchar(32)  not null,
    last_number bigint       not null,
    primary key (location_id, kind)
);

insert into number_sequence (location_id, kind, last_number)
select location_id, 'invoice', last_number from invoice_number_counter;

drop table invoice_number_counter;
