package dev.remit.invoice;

import java.time.Instant;

/** A payment left something due: the invoice is partially paid. {@code paymentId} is that payment's ledger entry. */
public record InvoicePartiallyPaid(String locationId, String invoiceId, Instant occurredAt, String paymentId,
        InvoiceSnapshot invoice) {
}
