package dev.remit.send;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/**
 * The send path for other capabilities (recurring schedules): the same work as
 * POST /invoices/{id}/send, in the caller's transaction, so the invoice's new status, its messages and
 * its auto-charge commit or roll back with whatever the caller did.
 */
@Service
public class InvoiceSending {

    private final SendInvoiceService sender;

    InvoiceSending(SendInvoiceService sender) {
        this.sender = sender;
    }

    /** What was queued, and what was accepted but will not work as asked. */
    public record Outcome(int emails, int sms, List<String> warnings) {
    }

    /**
     * Sends by email and, when {@code sms}, by SMS too, from the location's configured sender.
     *
     * @param autoPayment AutoPaymentDetailsDto as stored (null: none)
     */
    public Outcome sendInCurrentTransaction(Location location, String invoiceId, boolean sms, boolean liveMode,
            JsonNode autoPayment) {
        SendInvoiceService.Action action = sms ? SendInvoiceService.Action.SMS_AND_EMAIL : SendInvoiceService.Action.EMAIL;
        SendInvoiceService.Sent sent = sender.sendNow(location, invoiceId,
                new SendInvoiceService.Command(action, liveMode, null, null, autoPayment));
        return new Outcome(sent.emails().size(), sent.sms().size(), sent.warnings());
    }
}
