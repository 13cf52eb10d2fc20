package dev.remit.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import tools.jackson.databind.JsonNode;

/**
 * {@link InvoicePayments} over the invoice capability: provider payments go through
 * {@link InvoiceService#recordProviderPayment}, the same path and the same ledger (invoice_payment) as
 * record-payment, so amountPaid is always the ledger's sum.
 */
@Component
class InvoiceLedger implements InvoicePayments {

    private final InvoiceService invoices;

    InvoiceLedger(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public Optional<PayableInvoice> find(String locationId, String invoiceId) {
        return invoices.find(locationId, invoiceId).map(InvoiceLedger::payable);
    }

    @Override
    public Optional<PayableInvoice> findByPublicToken(String publicToken) {
        return invoices.findByPublicToken(publicToken).map(InvoiceLedger::payable);
    }

    @Override
    public boolean recordProviderPayment(String locationId, String invoiceId, ProviderPayment payment) {
        return invoices.recordProviderPayment(locationId, invoiceId, payment.currency(),
                new InvoiceService.PaymentInput(payment.amount(), "card", payment.provider(), payment.cardBrand(),
                        payment.cardLast4(), null, payment.notes(), null, payment.providerRef(), payment.fulfilledAt()));
    }

    @Override
    public boolean markProcessing(String locationId, String invoiceId) {
        return invoices.startPaymentProcessing(locationId, invoiceId);
    }

    @Override
    public void clearProcessing(String locationId, String invoiceId) {
        invoices.endPaymentProcessing(locationId, invoiceId);
    }

    static PayableInvoice payable(Invoice invoice) {
        var content = invoice.content();
        return new PayableInvoice(invoice.id(), invoice.locationId(), invoice.displayNumber(), content.name(),
                content.currency(), invoice.totals().total(), invoice.amountPaid(), invoice.amountDue(),
                invoice.status(), content.liveMode(), content.dueDate(), invoice.publicToken(),
                content.contactText("name"), content.contactText("email"), schedule(content.paymentSchedule()),
                AutoPaymentSetup.of(invoice.automaticPayment()));
    }

    private static PayableInvoice.PaymentSchedule schedule(JsonNode schedule) {
        if (schedule == null || !schedule.isObject() || !schedule.path("schedules").isArray()
                || schedule.path("schedules").isEmpty()) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        schedule.path("schedules").forEach(entry -> entries.add(entry.isString() ? entry.asString() : entry.toString()));
        return new PayableInvoice.PaymentSchedule(schedule.path("type").asString("fixed"), entries);
    }

}
