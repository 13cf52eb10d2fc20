package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What payments need from invoices: the port the invoice capability implements. Payments never
 * write invoice rows themselves; the ledger (record-payment's and the provider's payments alike) is
 * the invoice's, and its amountPaid is the ledger's sum.
 */
interface InvoicePayments {

    Optional<PayableInvoice> find(String locationId, String invoiceId);

    Optional<PayableInvoice> findByPublicToken(String publicToken);

    /**
     * Puts a provider payment in the invoice's ledger, in the caller's transaction, moving the
     * invoice to partially_paid or paid (and out of payment_processing). Callers make it idempotent
     * (one call per provider reference).
     *
     * @return false when the invoice cannot take it (void, already paid, more than is due), with nothing written
     */
    boolean recordProviderPayment(String locationId, String invoiceId, ProviderPayment payment);

    /** Marks the invoice payment_processing while an auto-charge runs; false when it is not open. */
    boolean markProcessing(String locationId, String invoiceId);

    /** Puts a payment_processing invoice back to what its ledger says (sent or partially_paid). */
    void clearProcessing(String locationId, String invoiceId);

    /** One line for the ledger from a payment provider. */
    record ProviderPayment(BigDecimal amount, String currency, String provider, String providerRef, String cardBrand,
            String cardLast4, String notes, Instant fulfilledAt) {
    }
}
