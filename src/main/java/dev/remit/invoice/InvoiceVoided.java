package dev.remit.invoice;

import java.time.Instant;

/** An invoice was voided. */
public record InvoiceVoided(String locationId, String invoiceId, Instant occurredAt, InvoiceSnapshot invoice) {
}
