package dev.remit.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment went into an invoice's ledger (recorded by hand or by a provider). Followed in the same
 * transaction by {@link InvoicePaid} or {@link InvoicePartiallyPaid}.
 *
 * @param mode     cash, card, cheque, bank_transfer, other
 * @param source   manual, or the provider (stripe)
 * @param invoice  the invoice after the payment
 */
public record PaymentRecorded(String locationId, String invoiceId, Instant occurredAt, String paymentId,
        BigDecimal amount, String currency, String mode, String source, String providerRef, Instant fulfilledAt,
        InvoiceSnapshot invoice) {
}
