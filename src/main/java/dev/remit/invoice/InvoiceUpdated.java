package dev.remit.invoice;

import java.time.Instant;

/** An invoice's content was replaced (update, text2pay on an existing invoice). */
public record InvoiceUpdated(String locationId, String invoiceId, Instant occurredAt, InvoiceSnapshot invoice) {
}
