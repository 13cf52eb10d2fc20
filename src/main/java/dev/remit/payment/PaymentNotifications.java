package dev.remit.payment;

import java.math.BigDecimal;

/**
 * Messages that payments send through the delivery pipeline: receipts and failed auto-charges.
 * Until delivery provides an implementation, {@link LoggingPaymentNotifications} only logs that a
 * message would go out. Called after the payment's transaction commits.
 */
public interface PaymentNotifications {

    /** The customer's receipt for a payment taken by a provider. */
    void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4);

    /**
     * An auto-charge failed: tell the location's user and the customer.
     *
     * @param nextAttempt when remit will try again, or null when it gave up
     */
    void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, String reason, java.time.Instant nextAttempt);
}
