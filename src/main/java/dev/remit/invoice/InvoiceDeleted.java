package dev.remit.invoice;

import java.time.Instant;

/** A draft invoice was deleted; {@code invoice} is the draft as it was, the row is gone. */
public record InvoiceDeleted(String locationId, String invoiceId, Instant occurredAt, InvoiceSnapshot invoice) {
}
