package dev.remit.invoice;

import java.time.Instant;

/** A draft invoice was created (create, text2pay). */
public record InvoiceCreated(String locationId, String invoiceId, Instant occurredAt, InvoiceSnapshot invoice) {
}
