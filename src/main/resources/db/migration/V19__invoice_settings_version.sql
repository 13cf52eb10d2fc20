-- Invoice settings are saved through Spring Data JDBC with optimistic locking (@Version).
alter table invoice_settings add column version bigint not null default 0;
