package dev.remit.webhook;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.remit.invoice.InvoiceCreated;
import dev.remit.invoice.InvoiceDeleted;
import dev.remit.invoice.InvoicePaid;
import dev.remit.invoice.InvoicePartiallyPaid;
import dev.remit.invoice.InvoiceSent;
import dev.remit.invoice.InvoiceSnapshot;
import dev.remit.invoice.InvoiceUpdated;
import dev.remit.invoice.InvoiceVoided;
import dev.remit.invoice.web.InvoiceResponse;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * HighLevel's seven invoice webhooks from the invoice's domain events. A plain (synchronous) listener:
 * it runs inside the transaction that publishes the event, so each webhook and its delivery job
 * commit with the change, or not at all. The payload is the invoice as the event saw it, in the
 * shape GET /invoices/{invoiceId} answers.
 */
@Component
class InvoiceWebhooks {

    private final WebhookService webhooks;
    private final ObjectMapper json;

    InvoiceWebhooks(WebhookService webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    /** The invoice as GET /invoices/{invoiceId} writes it (the API's JSON settings, money as the API writes it). */
    static ObjectNode asGetAnswers(ObjectMapper json, dev.remit.invoice.Invoice invoice) {
        return json.valueToTree(InvoiceResponse.withSummary(invoice));
    }

    @EventListener
    void on(InvoiceCreated event) {
        queue(WebhookEvent.INVOICE_CREATE, event.invoice());
    }

    @EventListener
    void on(InvoiceUpdated event) {
        queue(WebhookEvent.INVOICE_UPDATE, event.invoice());
    }

    @EventListener
    void on(InvoiceDeleted event) {
        queue(WebhookEvent.INVOICE_DELETE, event.invoice());
    }

    @EventListener
    void on(InvoiceSent event) {
        queue(WebhookEvent.INVOICE_SENT, event.invoice());
    }

    @EventListener
    void on(InvoicePaid event) {
        queue(WebhookEvent.INVOICE_PAID, event.invoice());
    }

    @EventListener
    void on(InvoicePartiallyPaid event) {
        queue(WebhookEvent.INVOICE_PARTIALLY_PAID, event.invoice());
    }

    @EventListener
    void on(InvoiceVoided event) {
        queue(WebhookEvent.INVOICE_VOID, event.invoice());
    }

    private void queue(WebhookEvent event, InvoiceSnapshot invoice) {
        webhooks.queue(event, invoice.locationId(), invoice.id(), invoice.content().liveMode(),
                asGetAnswers(json, invoice.toInvoice()));
    }
}
