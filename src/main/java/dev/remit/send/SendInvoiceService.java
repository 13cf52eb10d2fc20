package dev.remit.send;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.delivery.DeliveryService;
import dev.remit.delivery.EmailMessage;
import dev.remit.delivery.Queued;
import dev.remit.delivery.SmsMessage;
import dev.remit.invoice.AutoPayment;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.latefee.LateFees;
import dev.remit.payment.AutoPayments;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/**
 * Sends an invoice: in one transaction, the invoice's new status (and liveMode, autoPayment) and one
 * delivery task per message; workers deliver them afterwards. A concurrent change of the invoice
 * makes the whole transaction run again on the fresh invoice.
 */
@Service
class SendInvoiceService {

    static final int ATTEMPTS = 10;

    /** How the invoice goes out. */
    public enum Action {
        SMS_AND_EMAIL, SEND_MANUALLY, EMAIL, SMS;

        static Action fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        boolean email() {
            return this == SMS_AND_EMAIL || this == EMAIL;
        }

        boolean sms() {
            return this == SMS_AND_EMAIL || this == SMS;
        }

        dev.remit.invoice.SendAction invoiceAction() {
            return dev.remit.invoice.SendAction.valueOf(name());
        }
    }

    /**
     * @param sentFromName  the sender for this send (null: the location's settings)
     * @param autoPayment   stored on the invoice; {@code {"enable": false}} clears it; null leaves it
     */
    public record Command(Action action, boolean liveMode, String sentFromName, String sentFromEmail, JsonNode autoPayment) {
    }

    /** What was committed. {@code emails} and {@code sms} are empty for a channel not used. */
    public record Sent(Invoice invoice, Invoice.SendKind kind, List<Queued> emails, List<Queued> sms, String invoiceUrl,
            List<String> warnings) {
    }

    /** Renders the committed result as the response, inside the transaction (for Idempotency-Key). */
    @FunctionalInterface
    public interface Render {
        String json(Sent sent);
    }

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final DeliveryService delivery;
    private final InvoiceMessages messages;
    private final Idempotency idempotency;
    private final TransactionTemplate transaction;
    private final AutoPayments autoPayments;
    private final LateFees lateFees;
    private final Reminders reminders;
    private final java.time.Clock clock;

    SendInvoiceService(InvoiceService invoices, InvoiceSettingsService settings, DeliveryService delivery,
            InvoiceMessages messages, Idempotency idempotency, TransactionTemplate transaction,
            AutoPayments autoPayments, LateFees lateFees, Reminders reminders, java.time.Clock clock) {
        this.reminders = reminders;
        this.lateFees = lateFees;
        this.clock = clock;
        this.autoPayments = autoPayments;
        this.invoices = invoices;
        this.settings = settings;
        this.delivery = delivery;
        this.messages = messages;
        this.idempotency = idempotency;
        this.transaction = transaction;
    }

    /**
     * Sends, or with an {@code idempotencyKey} already used for the same request answers its first
     * response. Returns the response body as JSON text.
     */
    public String send(Location location, String invoiceId, Command command, String idempotencyKey, JsonNode requestBody,
            Render render) {
        if (idempotencyKey != null) {
            Idempotency.checkKey(idempotencyKey);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    Idempotency.Claim claim = null;
                    if (idempotencyKey != null) {
                        claim = idempotency.claim(location.id(), idempotencyKey, "send-invoice " + invoiceId, requestBody);
                        if (claim.replay().isPresent()) {
                            return claim.replay().get();
                        }
                    }
                    String response = render.json(sendNow(location, invoiceId, command));
                    if (claim != null) {
                        idempotency.complete(claim, response);
                    }
                    return response;
                });
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt >= ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** The invoice's public page (where "View and pay" leads). */
    public String publicUrl(Invoice invoice) {
        return messages.publicUrl(invoice);
    }

    /** The work of one send, in the caller's transaction. */
    Sent sendNow(Location location, String invoiceId, Command command) {
        InvoiceService.Sent marked = invoices.send(location.id(), invoiceId, command.action().invoiceAction(),
                command.liveMode(), command.autoPayment(), current -> checkRecipients(current, command));
        Invoice invoice = marked.invoice();
        boolean sandbox = !command.liveMode();
        List<Queued> emails = List.of();
        if (command.action().email()) {
            EmailMessage email = messages.email(invoice, location, sender(location, command),
                    InvoiceMessages.emailRecipients(invoice.content()), sandbox);
            emails = List.of(enqueue(email));
        }
        List<Queued> texts = new ArrayList<>();
        if (command.action().sms()) {
            for (SmsMessage sms : messages.sms(invoice, location, InvoiceMessages.phoneRecipients(invoice.content()),
                    sandbox)) {
                texts.add(enqueue(sms));
            }
        }
        if (marked.kind() == Invoice.SendKind.FIRST) {
            lateFees.sentFirstTime(invoice);
        }
        reminders.sent(invoice);
        // payment schedules or calls off the due-date charge when it hears of the send (InvoiceSent)
        return new Sent(invoice, marked.kind(), emails, texts, messages.publicUrl(invoice),
                autoPayments.chargeWarnings(location.id(), command.liveMode(), command.autoPayment()));
    }

    private void checkRecipients(Invoice invoice, Command command) {
        List<String> missing = new ArrayList<>();
        if (command.action().email() && InvoiceMessages.emailRecipients(invoice.content()).isEmpty()) {
            missing.add("action " + command.action().name().toLowerCase(Locale.ROOT)
                    + " needs an email recipient: the invoice has no contactDetails.email and no sentTo.email");
        }
        if (command.action().sms() && InvoiceMessages.phoneRecipients(invoice.content()).isEmpty()) {
            missing.add("action " + command.action().name().toLowerCase(Locale.ROOT)
                    + " needs a phone number: the invoice has no contactDetails.phoneNo and no sentTo.phoneNo");
        }
        AutoPayment autoPayment = AutoPayment.of(command.autoPayment());
        if (autoPayment != null) {
            missing.addAll(autoPayment.problems());
        }
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable(missing);
        }
    }

    private Queued enqueue(dev.remit.delivery.OutboundMessage message) {
        try {
            return delivery.enqueue(message);
        } catch (IllegalArgumentException unsendable) {
            throw ApiException.unprocessable(unsendable.getMessage());
        }
    }

    /**
     * sentFrom, else the location's sender settings, else its business name; field by field, so a
     * sentFrom with only a name still replies to the configured address.
     */
    private InvoiceMessages.Sender sender(Location location, Command command) {
        return sender(settings, location, command.sentFromName(), command.sentFromEmail());
    }

    /** The same rule for every document a location sends (invoices, estimates). */
    static InvoiceMessages.Sender sender(InvoiceSettingsService settings, Location location, String sentFromName,
            String sentFromEmail) {
        InvoiceSettings effective = settings.effective(location);
        InvoiceSettings.SenderConfiguration configured = effective.senderConfiguration();
        String name = sentFromName;
        if (blank(name) && configured != null) {
            name = configured.fromName();
        }
        if (blank(name) && effective.businessDetails() != null && effective.businessDetails().path("name").isString()) {
            name = effective.businessDetails().path("name").asString();
        }
        String email = sentFromEmail;
        if (blank(email) && configured != null) {
            email = configured.fromEmail();
        }
        return new InvoiceMessages.Sender(blank(name) ? null : name, blank(email) ? null : email);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
