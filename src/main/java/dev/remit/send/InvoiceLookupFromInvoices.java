package dev.remit.send;

import org.springframework.stereotype.Component;

import dev.remit.delivery.InvoiceLookup;
import dev.remit.invoice.InvoiceService;

/** The delivery log endpoint's 404 comes from the invoices themselves. */
@Component
class InvoiceLookupFromInvoices implements InvoiceLookup {

    private final InvoiceService invoices;

    InvoiceLookupFromInvoices(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @Override
    public boolean exists(String locationId, String invoiceId) {
        return invoices.find(locationId, invoiceId).isPresent();
    }
}
