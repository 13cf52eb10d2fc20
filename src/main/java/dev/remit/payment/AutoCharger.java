package dev.remit.payment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.invoice.InvoiceStatus;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.tenancy.Ids;

/**
 * One run of an invoice's auto-charge. In order: stop when there is nothing to do (paid, void,
 * auto-payment off, nothing due); claim the attempt in the database (a row keyed by the idempotency
 * key {@code remit-auto-<invoice>-<amount in minor units><currency>-<attempt>}) and mark the invoice
 * payment_processing, in one transaction; call Stripe with that key; record the outcome. A run
 * that finds its attempt already claimed (the instance that claimed it died) calls Stripe again
 * with the same key, and Stripe answers with the first charge instead of making a second.
 */
@Component
class AutoCharger {

    private static final Logger log = LoggerFactory.getLogger(AutoCharger.class);
    static final String KIND = "auto";

    private final InvoicePayments invoices;
    private final StripeAccounts accounts;
    private final StripeGateway stripe;
    private final ProviderCharges charges;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final PaymentProperties.AutoPayment settings;
    private final ObjectProvider<PaymentNotifications> notifications;
    private final ObjectProvider<Probe> probes;
    private final java.time.Clock clock;

    AutoCharger(InvoicePayments invoices, StripeAccounts accounts, StripeGateway stripe, ProviderCharges charges,
            JdbcClient jdbc, TransactionTemplate transaction, PaymentProperties properties,
            ObjectProvider<PaymentNotifications> notifications, ObjectProvider<Probe> probes, java.time.Clock clock) {
        this.clock = clock;
        this.invoices = invoices;
        this.accounts = accounts;
        this.stripe = stripe;
        this.charges = charges;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = properties.autoPayment();
        this.notifications = notifications;
        this.probes = probes;
    }

    /** Test seam: called at the points where a crash is most interesting. */
    interface Probe {
        void at(String point, String invoiceId);
    }

    record Attempt(String id, int number, String idempotencyKey, String status, Instant createdAt) {
    }

    /** One try of the auto-payment job. */
    JobResult run(AutoPaymentTask.ChargeInvoice job, JobRun run) {
        String locationId = job.locationId();
        String invoiceId = job.invoiceId();
        PayableInvoice invoice = invoices.find(locationId, invoiceId).orElse(null);
        if (invoice == null) {
            return done("the invoice no longer exists", invoiceId);
        }
        Optional<Attempt> last = latest(locationId, invoiceId);
        if (last.isPresent() && last.get().status().equals("pending")) {
            return done("a charge is still pending at Stripe; its webhook will finish it", invoiceId);
        }
        Optional<Attempt> inFlight = last.filter(a -> a.status().equals("claimed"));
        if (invoice.autoPayment() == null) {
            if (invoice.status() == InvoiceStatus.PAYMENT_PROCESSING && inFlight.isEmpty()) {
                invoices.clearProcessing(locationId, invoiceId);
            }
            return done("auto-payment is off", invoiceId);
        }
        if (!invoice.isOpen() && !(invoice.status() == InvoiceStatus.PAYMENT_PROCESSING && invoice.amountDue().signum() > 0)) {
            return done("the invoice is " + invoice.status().wire() + " with " + invoice.amountDue() + " due", invoiceId);
        }
        StripeAccount account = accounts.find(locationId).orElse(null);
        String secretKey = account == null ? null : account.secretKey(invoice.liveMode());
        BigDecimal amount = invoice.amountDue();
        long minor = StripeAmounts.toMinor(amount, invoice.currency());

        Attempt attempt = inFlight.filter(a -> a.idempotencyKey().equals(key(invoiceId, minor, invoice.currency(), a.number())))
                .orElse(null);
        if (attempt == null) {
            int number = failedAttempts(locationId, invoiceId, amount, invoice.currency()).size() + 1;
            // Without a key nothing is charged, so the invoice does not go through payment_processing.
            attempt = claim(invoice, amount, number, secretKey != null);
            if (attempt == null) {
                return done("attempt already settled", invoiceId);
            }
        } else {
            log.info("auto-payment of invoice {}: attempt {} was claimed before and not finished; asking Stripe again "
                    + "with the same idempotency key", invoiceId, attempt.number());
        }
        probe("after-claim", invoiceId);

        if (secretKey == null) {
            return failed(run, invoice, attempt, amount, null, "not_configured",
                    "Stripe is not connected for " + (invoice.liveMode() ? "live" : "test") + " mode",
                    PaymentNotifications.Failure.BUSINESS);
        }
        AutoPaymentSetup setup = invoice.autoPayment();
        StripeGateway.ChargeOutcome outcome = stripe.chargeOffSession(secretKey, new StripeGateway.OffSessionCharge(
                invoiceId, locationId, "Invoice " + invoice.number(), minor, invoice.currency(), setup.customerId(),
                setup.paymentMethodId(), setup.method().stripeType(), attempt.idempotencyKey()));
        probe("after-charge", invoiceId);

        Attempt claimed = attempt;
        if (outcome instanceof StripeGateway.Succeeded ok) {
            // The invoice may change meanwhile (a send, an edit): the whole recording is the unit to retry.
            for (int tries = 1; ; tries++) {
                try {
                    transaction.executeWithoutResult(status -> {
                        PayableInvoice fresh = invoices.find(locationId, invoiceId).orElse(invoice);
                        charges.record(fresh, ok.paymentIntentId(), ok.amountMinor(), invoice.currency(),
                                invoice.liveMode(), ok.cardBrand(), ok.cardLast4());
                        settle(locationId, claimed, "succeeded", ok.paymentIntentId(), null, null);
                    });
                    break;
                } catch (org.springframework.dao.ConcurrencyFailureException concurrent) {
                    if (tries >= 10) {
                        throw concurrent;
                    }
                }
            }
            return done("charged " + amount + " " + invoice.currency() + " (" + ok.paymentIntentId() + ")", invoiceId);
        }
        if (outcome instanceof StripeGateway.Pending pending) {
            settle(locationId, claimed, "pending", pending.paymentIntentId(), null, null);
            return done("charge " + pending.paymentIntentId() + " is " + pending.status() + "; a webhook will finish it",
                    invoiceId);
        }
        if (outcome instanceof StripeGateway.Declined declined) {
            return failed(run, invoice, claimed, amount, declined.paymentIntentId(), declined.code(), declined.message(),
                    declined.byPaymentMethod() ? PaymentNotifications.Failure.DECLINED : PaymentNotifications.Failure.BUSINESS);
        }
        StripeGateway.Unknown unknown = (StripeGateway.Unknown) outcome;
        Instant again = clock.instant().plus(settings.unknownOutcome());
        log.warn("auto-payment of invoice {}: no answer from Stripe ({}); asking again at {} with the same key",
                invoiceId, unknown.message(), again);
        return new JobResult.RetryAt(again);
    }

    /** The retries ran out (the last attempt's notice said so). */
    void gaveUp(AutoPaymentTask.ChargeInvoice job, String reason) {
        log.warn("auto-payment of invoice {} (location {}) gives up: {}", job.invoiceId(), job.locationId(), reason);
    }

    private JobResult failed(JobRun run, PayableInvoice invoice, Attempt attempt, BigDecimal amount,
            String paymentIntentId, String code, String message, PaymentNotifications.Failure failure) {
        transaction.executeWithoutResult(status -> {
            settle(invoice.locationId(), attempt, "failed", paymentIntentId, code, message);
            invoices.clearProcessing(invoice.locationId(), invoice.id());
        });
        JobResult result = run.failed(code + ": " + message);
        Instant next = result instanceof JobResult.Failed retry ? retry.at() : null;
        log.warn("auto-payment of invoice {} (location {}) attempt {} failed: {} ({}); {}", invoice.id(),
                invoice.locationId(), attempt.number(), code, message, next == null ? "giving up" : "next attempt at " + next);
        ProviderCharges.afterCommit(() -> notifications.getIfAvailable(LoggingPaymentNotifications::new)
                .autoPaymentFailed(invoice, amount, failure, message, next));
        return result;
    }

    /** Claims the attempt and marks the invoice processing, in one transaction; null when it is already settled. */
    private Attempt claim(PayableInvoice invoice, BigDecimal amount, int number, boolean markProcessing) {
        long minor = StripeAmounts.toMinor(amount, invoice.currency());
        String key = key(invoice.id(), minor, invoice.currency(), number);
        return transaction.execute(status -> {
            Instant now = now();
            int inserted = jdbc.sql("""
                    insert into payment_attempt (id, location_id, invoice_id, kind, attempt_no, amount, currency,
                        idempotency_key, status, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'claimed', ?, ?) on conflict do nothing""")
                    .params(Ids.newId(), invoice.locationId(), invoice.id(), KIND, number, amount, invoice.currency(), key,
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
            Attempt attempt = byKey(invoice.locationId(), key).orElseThrow();
            if (inserted == 0 && !attempt.status().equals("claimed")) {
                return null;
            }
            if (markProcessing) {
                invoices.markProcessing(invoice.locationId(), invoice.id());
            }
            return attempt;
        });
    }

    static String key(String invoiceId, long minor, String currency, int number) {
        return "remit-auto-" + invoiceId + "-" + minor + currency.toLowerCase(java.util.Locale.ROOT) + "-" + number;
    }

    private void settle(String locationId, Attempt attempt, String status, String providerRef, String code,
            String message) {
        jdbc.sql("""
                update payment_attempt set status = ?, provider_ref = coalesce(?, provider_ref), failure_code = ?,
                    failure_message = ?, updated_at = ? where location_id = ? and id = ?""")
                .params(status, providerRef, code, message == null ? null : truncate(message), Timestamp.from(now()),
                        locationId, attempt.id())
                .update();
    }

    private Optional<Attempt> latest(String locationId, String invoiceId) {
        return jdbc.sql("""
                select * from payment_attempt where location_id = ? and invoice_id = ? and kind = ?
                order by created_at desc, attempt_no desc""")
                .params(locationId, invoiceId, KIND).query(AutoCharger::attempt).list().stream().findFirst();
    }

    private List<Attempt> failedAttempts(String locationId, String invoiceId, BigDecimal amount, String currency) {
        return jdbc.sql("""
                select * from payment_attempt where location_id = ? and invoice_id = ? and kind = ? and status = 'failed'
                    and amount = ? and currency = ?""")
                .params(locationId, invoiceId, KIND, amount, currency).query(AutoCharger::attempt).list();
    }

    private Optional<Attempt> byKey(String locationId, String key) {
        return jdbc.sql("select * from payment_attempt where location_id = ? and idempotency_key = ?")
                .params(locationId, key).query(AutoCharger::attempt).optional();
    }

    private static Attempt attempt(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Attempt(rs.getString("id"), rs.getInt("attempt_no"), rs.getString("idempotency_key"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant());
    }

    private void probe(String point, String invoiceId) {
        Probe probe = probes.getIfAvailable();
        if (probe != null) {
            probe.at(point, invoiceId);
        }
    }

    private static JobResult done(String why, String invoiceId) {
        log.info("auto-payment of invoice {}: {}", invoiceId, why);
        return new JobResult.Done();
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
