-- The list filtered by status and a date range, and its count (the list's total), read one index:
-- with a million invoices in a location, the count by (location, status) alone read every row.
create index invoice_location_status_issue_idx on invoice (location_id, status, issue_date);
drop index invoice_location_status_idx;
