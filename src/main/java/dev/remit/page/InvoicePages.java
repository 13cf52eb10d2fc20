package dev.remit.page;

import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/** The invoices behind public links, shown as their customers see them. */
@Service
class InvoicePages implements PublicInvoices {

    private final InvoiceService invoices;
    private final TenancyRepository tenancy;
    private final InvoiceViews views;

    public InvoicePages(InvoiceService invoices, TenancyRepository tenancy, InvoiceViews views) {
        this.invoices = invoices;
        this.tenancy = tenancy;
        this.views = views;
    }

    @Override
    public Optional<PublicInvoice> findByToken(String token) {
        return invoices.findByPublicToken(token).flatMap(this::present);
    }

    /** An invoice of a location as its customer sees it (for the authenticated PDF and the email). */
    public Optional<PublicInvoice> present(Invoice invoice) {
        return tenancy.findLocation(invoice.locationId()).map(location -> new PublicInvoice(location.id(), invoice.id(),
                views.of(invoice, location), views.paper(location)));
    }

    public PublicInvoice present(Invoice invoice, Location location) {
        return new PublicInvoice(location.id(), invoice.id(), views.of(invoice, location), views.paper(location));
    }

    @Override
    public void recordVisit(PublicInvoice invoice) {
        invoices.recordVisit(invoice.locationId(), invoice.invoiceId());
    }
}
