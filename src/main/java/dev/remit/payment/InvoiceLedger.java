package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.remit.api.ApiException;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import tools.jackson.databind.JsonNode;

/**
 * {@link InvoicePayments} over the invoice capability: provider payments go through
 * {@link InvoiceService#recordPayment}, the same path and the same ledger (invoice_payment) as
 * record-payment, so amountPaid is always the ledger's sum.
 */
@Component
class InvoiceLedger implements InvoicePayments {

    private final InvoiceService invoices;
    private final java.time.Clock clock;

    InvoiceLedger(InvoiceService invoices, java.time.Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
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
        Optional<Invoice> found = invoices.find(locationId, invoiceId);
        if (found.isEmpty()) {
            return false;
        }
        Invoice invoice = found.get();
        if (invoice.status() == InvoiceStatus.VOID || invoice.status() == InvoiceStatus.DRAFT
                || !invoice.content().currency().equals(payment.currency())
                || payment.amount().compareTo(invoice.amountDue()) > 0) {
            return false;
        }
        invoices.recordPayment(locationId, invoiceId, new InvoiceService.PaymentInput(payment.amount(), "card",
                payment.provider(), payment.cardBrand(), payment.cardLast4(), null, payment.notes(), null,
                payment.providerRef(), payment.fulfilledAt()));
        return true;
    }

    @Override
    public boolean markProcessing(String locationId, String invoiceId) {
        try {
            return invoices.modify(locationId, invoiceId, (invoice, happened) -> invoice.startPaymentProcessing(now()));
        } catch (ApiException notFound) {
            return false;
        }
    }

    @Override
    public void clearProcessing(String locationId, String invoiceId) {
        if (invoices.find(locationId, invoiceId).filter(i -> i.status() == InvoiceStatus.PAYMENT_PROCESSING).isEmpty()) {
            return; // nothing to clear: no write, so no conflict with anyone editing the invoice
        }
        try {
            invoices.modify(locationId, invoiceId, (invoice, happened) -> {
                invoice.endPaymentProcessing(now());
                return null;
            });
        } catch (ApiException notFound) {
            // gone: nothing to clear
        }
    }

    static PayableInvoice payable(Invoice invoice) {
        var content = invoice.content();
        return new PayableInvoice(invoice.id(), invoice.locationId(), invoice.displayNumber(), content.name(),
                content.currency(), invoice.totals().total(), invoice.amountPaid(), invoice.amountDue(),
                invoice.status().wire(), content.liveMode(), content.dueDate(), invoice.publicToken(),
                content.contactText("name"), content.contactText("email"), schedule(content.paymentSchedule()),
                AutoPaymentSetup.from(invoice.autoPayment()));
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
