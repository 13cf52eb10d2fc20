package dev.remit.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;

import dev.remit.invoice.InvoiceStatus;
import dev.remit.tenancy.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stripe's events for one location. Verified with the location's signing secret (live or test),
 * handled once (the event id is inserted in the transaction that acts on it), and decided by the
 * state of the object, not by the order events arrive in: a success records the PaymentIntent once
 * whichever event tells of it first, and a failure never undoes a payment.
 */
@Service
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final StripeAccounts accounts;
    private final InvoicePayments invoices;
    private final ProviderCharges charges;
    private final StripeGateway stripe;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final PaymentProperties.Stripe settings;
    private final java.time.Clock clock;

    public StripeWebhooks(StripeAccounts accounts, InvoicePayments invoices, ProviderCharges charges,
            StripeGateway stripe, JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json,
            PaymentProperties properties, java.time.Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.invoices = invoices;
        this.charges = charges;
        this.stripe = stripe;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.settings = properties.stripe();
    }

    /** Why an event was refused (answered 400). */
    public static class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }

    public enum Outcome { HANDLED, DUPLICATE, IGNORED }

    public Outcome receive(String locationId, String payload, String signature) {
        if (signature == null || signature.isBlank()) {
            throw new Rejected("No Stripe-Signature header: unsigned events are refused");
        }
        StripeAccount account = accounts.find(locationId).orElseThrow(
                () -> new Rejected("Stripe is not connected for this location"));
        List<String> secrets = java.util.stream.Stream.of(account.liveWebhookSecret(), account.testWebhookSecret())
                .filter(java.util.Objects::nonNull).toList();
        if (secrets.isEmpty()) {
            throw new Rejected("No webhook signing secret is configured for this location");
        }
        long tolerance = settings.webhookTolerance().toSeconds();
        String problem = null;
        boolean verified = false;
        for (String secret : secrets) {
            try {
                verified = Webhook.Signature.verifyHeader(payload, signature, secret, tolerance, clock);
                if (verified) {
                    break;
                }
            } catch (SignatureVerificationException wrong) {
                problem = wrong.getMessage();
            }
        }
        if (!verified) {
            throw new Rejected(problem == null ? "The signature does not match" : problem);
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (RuntimeException notJson) {
            throw new Rejected("The event is not JSON");
        }
        String eventId = event.path("id").asString("");
        String type = event.path("type").asString("");
        boolean liveMode = event.path("livemode").asBoolean(false);
        if (eventId.isEmpty() || type.isEmpty()) {
            throw new Rejected("The event has no id or type");
        }
        JsonNode object = event.path("data").path("object");
        return transaction.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into payment_webhook_event (event_id, location_id, event_type, live_mode, received_at)
                    values (?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(eventId, locationId, type, liveMode, Timestamp.from(clock.instant())).update();
            if (inserted == 0) {
                log.info("Stripe event {} ({}) for location {} was already handled", eventId, type, locationId);
                return Outcome.DUPLICATE;
            }
            return switch (type) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                        checkoutCompleted(locationId, account, liveMode, object);
                case "payment_intent.succeeded" -> intentSucceeded(locationId, account, liveMode, object);
                case "payment_intent.payment_failed" -> intentFailed(locationId, object);
                default -> Outcome.IGNORED;
            };
        });
    }

    private Outcome checkoutCompleted(String locationId, StripeAccount account, boolean liveMode, JsonNode session) {
        if (!"paid".equals(session.path("payment_status").asString(""))) {
            return Outcome.IGNORED; // an async method still running: checkout.session.async_payment_succeeded follows
        }
        Optional<PayableInvoice> invoice = invoiceOf(locationId, session.path("metadata"));
        if (invoice.isEmpty()) {
            return Outcome.IGNORED;
        }
        String intentId = text(session.path("payment_intent"));
        if (intentId == null && session.path("payment_intent").isObject()) {
            intentId = text(session.path("payment_intent").path("id"));
        }
        String ref = intentId == null ? text(session.path("id")) : intentId;
        long amount = session.path("amount_total").asLong();
        String currency = session.path("currency").asString(invoice.get().currency());
        String[] card = intentId == null ? new String[2] : cardOf(account, liveMode, intentId, null);
        charges.record(invoice.get(), ref, amount, currency, liveMode, card[0], card[1]);
        return Outcome.HANDLED;
    }

    private Outcome intentSucceeded(String locationId, StripeAccount account, boolean liveMode, JsonNode intent) {
        if (!"succeeded".equals(intent.path("status").asString(""))) {
            return Outcome.IGNORED;
        }
        Optional<PayableInvoice> invoice = invoiceOf(locationId, intent.path("metadata"));
        if (invoice.isEmpty()) {
            return Outcome.IGNORED;
        }
        String intentId = text(intent.path("id"));
        long amount = intent.has("amount_received") ? intent.path("amount_received").asLong()
                : intent.path("amount").asLong();
        String currency = intent.path("currency").asString(invoice.get().currency());
        String[] card = cardOf(account, liveMode, intentId, intent.path("latest_charge"));
        charges.record(invoice.get(), intentId, amount, currency, liveMode, card[0], card[1]);
        settleAutoAttempt(locationId, intentId, "succeeded", null, null);
        return Outcome.HANDLED;
    }

    private Outcome intentFailed(String locationId, JsonNode intent) {
        Optional<PayableInvoice> found = invoiceOf(locationId, intent.path("metadata"));
        if (found.isEmpty()) {
            return Outcome.IGNORED;
        }
        PayableInvoice invoice = found.get();
        String intentId = text(intent.path("id"));
        JsonNode error = intent.path("last_payment_error");
        String code = text(error.path("decline_code")) != null ? text(error.path("decline_code")) : text(error.path("code"));
        String message = text(error.path("message"));
        long amount = intent.path("amount").asLong();
        String currency = intent.path("currency").asString(invoice.currency()).toUpperCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into payment_attempt (id, location_id, invoice_id, kind, attempt_no, amount, currency, status,
                    provider_ref, failure_code, failure_message, created_at, updated_at)
                values (?, ?, ?, 'webhook', 0, ?, ?, 'failed', ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), locationId, invoice.id(), StripeAmounts.fromMinor(amount, currency), currency,
                        intentId, code == null ? "payment_failed" : code,
                        message == null ? null : message.substring(0, Math.min(1000, message.length())),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        // An auto-charge that was pending (bank debits) ends here; its task already finished.
        int settled = settleAutoAttempt(locationId, intentId, "failed", code, message);
        if (settled > 0 && invoice.status() == InvoiceStatus.PAYMENT_PROCESSING) {
            invoices.clearProcessing(locationId, invoice.id());
        }
        log.info("Stripe reports a failed payment {} for invoice {} of location {}: {}", intentId, invoice.id(),
                locationId, code);
        return Outcome.HANDLED;
    }

    private int settleAutoAttempt(String locationId, String intentId, String status, String code, String message) {
        return jdbc.sql("""
                update payment_attempt set status = ?, failure_code = coalesce(?, failure_code),
                    failure_message = coalesce(?, failure_message), updated_at = ?
                where location_id = ? and provider_ref = ? and kind = 'auto' and status = 'pending'""")
                .params(status, code, message == null ? null : message.substring(0, Math.min(1000, message.length())),
                        Timestamp.from(clock.instant()), locationId, intentId)
                .update();
    }

    private Optional<PayableInvoice> invoiceOf(String locationId, JsonNode metadata) {
        String invoiceId = text(metadata.path("invoiceId"));
        String metaLocation = text(metadata.path("locationId"));
        if (invoiceId == null || (metaLocation != null && !metaLocation.equals(locationId))) {
            log.info("a Stripe event for location {} names no invoice of it; ignored", locationId);
            return Optional.empty();
        }
        return invoices.find(locationId, invoiceId);
    }

    /** brand and last4: from the expanded latest charge when the event has it, else from Stripe. */
    private String[] cardOf(StripeAccount account, boolean liveMode, String intentId, JsonNode latestCharge) {
        if (latestCharge != null && latestCharge.isObject()) {
            JsonNode card = latestCharge.path("payment_method_details").path("card");
            return new String[] {text(card.path("brand")), text(card.path("last4"))};
        }
        String key = account.secretKey(liveMode);
        if (key == null) {
            return new String[2];
        }
        try {
            PaymentIntent intent = stripe.paymentIntent(key, intentId);
            if (StripeGateway.outcome(intent) instanceof StripeGateway.Succeeded ok) {
                return new String[] {ok.cardBrand(), ok.cardLast4()};
            }
        } catch (StripeException | RuntimeException unavailable) {
            log.info("card details of {} could not be read from Stripe: {}", intentId, unavailable.getMessage());
        }
        return new String[2];
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
