package dev.remit.send;

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
import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateService;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.page.EstimatePages;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/**
 * Sends an estimate the way an invoice is sent: in one transaction the estimate is marked sent and one
 * delivery task per message is queued (the same pipeline: sandbox with {@code liveMode: false}, the
 * delivery log, retries); an {@code Idempotency-Key} answers a repeated request with its first
 * response. The messages carry the link to the estimate's public page, made now when it has none.
 */
@Service
class SendEstimateService {

    /** How the estimate goes out, and who sends it (null: the location's sender settings). */
    record Command(SendInvoiceService.Action action, boolean liveMode, String userId, String sentFromName,
            String sentFromEmail) {
    }

    /** What was committed; {@code emails} and {@code sms} are empty for a channel not used. */
    record Sent(Estimate estimate, List<Queued> emails, List<Queued> sms, String estimateUrl) {
    }

    @FunctionalInterface
    interface Render {
        String json(Sent sent);
    }

    private final EstimateService estimates;
    private final InvoiceSettingsService settings;
    private final DeliveryService delivery;
    private final EstimateMessages messages;
    private final EstimatePages pages;
    private final Idempotency idempotency;
    private final TransactionTemplate transaction;

    SendEstimateService(EstimateService estimates, InvoiceSettingsService settings, DeliveryService delivery,
            EstimateMessages messages, EstimatePages pages, Idempotency idempotency, TransactionTemplate transaction) {
        this.estimates = estimates;
        this.settings = settings;
        this.delivery = delivery;
        this.messages = messages;
        this.pages = pages;
        this.idempotency = idempotency;
        this.transaction = transaction;
    }

    String send(Location location, String estimateId, Command command, String idempotencyKey, JsonNode requestBody,
            Render render) {
        if (idempotencyKey != null) {
            Idempotency.checkKey(idempotencyKey);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    Idempotency.Claim claim = null;
                    if (idempotencyKey != null) {
                        claim = idempotency.claim(location.id(), idempotencyKey, "send-estimate " + estimateId, requestBody);
                        if (claim.replay().isPresent()) {
                            return claim.replay().get();
                        }
                    }
                    String response = render.json(sendNow(location, estimateId, command));
                    if (claim != null) {
                        idempotency.complete(claim, response);
                    }
                    return response;
                });
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt >= SendInvoiceService.ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** The work of one send, in the caller's transaction. */
    Sent sendNow(Location location, String estimateId, Command command) {
        Estimate estimate = estimates.markSent(location.id(), estimateId, command.userId(), command.liveMode(),
                current -> checkRecipients(current, command));
        boolean sandbox = !command.liveMode();
        List<Queued> emails = List.of();
        if (command.action().email()) {
            InvoiceMessages.Sender sender = SendInvoiceService.sender(settings, location, command.sentFromName(),
                    command.sentFromEmail());
            EmailMessage email = messages.email(estimate, location, sender, EstimateMessages.emailRecipients(estimate),
                    sandbox);
            emails = List.of(enqueue(email));
        }
        List<Queued> texts = new ArrayList<>();
        if (command.action().sms()) {
            for (SmsMessage sms : messages.sms(estimate, location, EstimateMessages.phoneRecipients(estimate), sandbox)) {
                texts.add(enqueue(sms));
            }
        }
        return new Sent(estimate, emails, texts, pages.url(estimate));
    }

    private static void checkRecipients(Estimate estimate, Command command) {
        List<String> missing = new ArrayList<>();
        String action = command.action().name().toLowerCase(Locale.ROOT);
        if (command.action().email() && EstimateMessages.emailRecipients(estimate).isEmpty()) {
            missing.add("action " + action
                    + " needs an email recipient: the estimate has no contactDetails.email and no sentTo.email");
        }
        if (command.action().sms() && EstimateMessages.phoneRecipients(estimate).isEmpty()) {
            missing.add("action " + action
                    + " needs a phone number: the estimate has no contactDetails.phoneNo and no sentTo.phoneNo");
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
}
