package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Messages that payments send through the delivery pipeline: receipts and failed auto-charges.
 * Called after the payment's transaction commits.
 */
interface PaymentNotifications {

    /** Whose problem a failed auto-charge is, which decides who is told. */
    enum Failure {
        /** The customer's own payment method was refused (a decline, an authentication it needs). */
        DECLINED,
        /** Nothing the customer can fix: Stripe not connected for the invoice's mode, a key or a saved method refused. */
        BUSINESS
    }

    /** The customer's receipt for a payment taken by a provider. */
    void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4);

    /**
     * An auto-charge failed: tell the business, and the customer only when their method was declined.
     *
     * @param nextAttempt when remit will try again, or null when it gave up
     */
    void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, Failure failure, String reason, Instant nextAttempt);
}
