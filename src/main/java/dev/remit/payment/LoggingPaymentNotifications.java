package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook for delivery: until the delivery capability registers a {@link PaymentNotifications}
 * bean of its own (email receipts, failure notices), payments log what they would send.
 */
class LoggingPaymentNotifications implements PaymentNotifications {

    private static final Logger log = LoggerFactory.getLogger(LoggingPaymentNotifications.class);

    @Override
    public void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4) {
        log.info("receipt not sent (no delivery for payments yet): invoice {} of location {}, {} {}", invoice.id(),
                invoice.locationId(), amount.toPlainString(), invoice.currency());
    }

    @Override
    public void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, Failure failure, String reason,
            Instant nextAttempt) {
        log.info("auto-payment failure notice not sent (no delivery for payments yet): invoice {} of location {}, "
                + "{} {}, {} ({}), next attempt {}", invoice.id(), invoice.locationId(), amount.toPlainString(),
                invoice.currency(), reason, failure, nextAttempt == null ? "none" : nextAttempt);
    }
}
