package dev.remit.invoice;

import java.time.Instant;

/** A payment left nothing due: the invoice is paid. {@code paymentId} is that payment's ledger entry. */
public record InvoicePaid(String locationId, String invoiceId, Instant occurredAt, String paymentId,
        InvoiceSnapshot invoice) {
}
