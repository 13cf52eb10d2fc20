-- An email queued without its content (EmailMessage.pending: the invoice's email, rendered with its
-- PDF by the delivery worker) keeps what was written here when it is first delivered, so a retry
-- sends the same email; payload stays what was queued.
alter table delivery add column content text;
