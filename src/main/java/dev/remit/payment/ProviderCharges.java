package dev.remit.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts money a provider took into the invoice's ledger exactly once per PaymentIntent, whoever
 * sees it first: the webhook, the auto-charge's own answer, or a webhook delivered again. Runs in
 * the caller's transaction; the receipt goes out after it commits.
 */
@Service
class ProviderCharges {

    private static final Logger log = LoggerFactory.getLogger(ProviderCharges.class);
    public static final String STRIPE = "stripe";

    private final JdbcClient jdbc;
    private final InvoicePayments invoices;
    private final org.springframework.beans.factory.ObjectProvider<PaymentNotifications> notifications;
    private final java.time.Clock clock;

    public ProviderCharges(JdbcClient jdbc, InvoicePayments invoices,
            org.springframework.beans.factory.ObjectProvider<PaymentNotifications> notifications, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.notifications = notifications;
    }

    public enum Recorded { RECORDED, ALREADY_RECORDED, NOT_APPLIED }

    /** Must run inside a transaction. */
    public Recorded record(PayableInvoice invoice, String paymentIntentId, long amountMinor, String stripeCurrency,
            boolean liveMode, String cardBrand, String cardLast4) {
        String currency = stripeCurrency.toUpperCase(java.util.Locale.ROOT);
        BigDecimal amount = StripeAmounts.fromMinor(amountMinor, currency)
                .setScale(Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int inserted = jdbc.sql("""
                insert into payment_provider_charge (location_id, provider, provider_ref, invoice_id, amount, currency,
                    live_mode, card_brand, card_last4, applied, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?) on conflict do nothing""")
                .params(invoice.locationId(), STRIPE, paymentIntentId, invoice.id(), amount, currency, liveMode,
                        cardBrand, cardLast4, Timestamp.from(now))
                .update();
        if (inserted == 0) {
            return Recorded.ALREADY_RECORDED;
        }
        boolean applied = currency.equals(invoice.currency()) && invoices.recordProviderPayment(invoice.locationId(),
                invoice.id(), new InvoicePayments.ProviderPayment(amount, currency, STRIPE, paymentIntentId, cardBrand,
                        cardLast4, "Stripe payment " + paymentIntentId, now));
        if (!applied) {
            // The money was taken but the invoice cannot take it (voided, paid meanwhile, other currency): kept here
            // for the location's user to refund, and said loudly.
            jdbc.sql("update payment_provider_charge set note = ? where location_id = ? and provider = ? and provider_ref = ?")
                    .params("not applied to the invoice: it is " + invoice.status().wire() + " with " + invoice.amountDue()
                            + " due; refund it in Stripe", invoice.locationId(), STRIPE, paymentIntentId)
                    .update();
            log.warn("Stripe payment {} for invoice {} of location {} was not applied: the invoice is {} with {} due",
                    paymentIntentId, invoice.id(), invoice.locationId(), invoice.status().wire(), invoice.amountDue());
            return Recorded.NOT_APPLIED;
        }
        jdbc.sql("update payment_provider_charge set applied = true where location_id = ? and provider = ? and provider_ref = ?")
                .params(invoice.locationId(), STRIPE, paymentIntentId).update();
        afterCommit(() -> notifications().receipt(invoice, amount, cardBrand, cardLast4));
        return Recorded.RECORDED;
    }

    PaymentNotifications notifications() {
        return notifications.getIfAvailable(LoggingPaymentNotifications::new);
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    run(action);
                }
            });
        } else {
            run(action);
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failed) {
            log.warn("a payment notification could not be queued", failed);
        }
    }
}
