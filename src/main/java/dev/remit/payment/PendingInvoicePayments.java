package dev.remit.payment;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Stand-in until the invoice capability is on this branch: knows no invoices, so nothing can be
 * paid. Replaced by the adapter over InvoiceService once invoices are merged.
 */
@Component
class PendingInvoicePayments implements InvoicePayments {

    @Override
    public Optional<PayableInvoice> find(String locationId, String invoiceId) {
        return Optional.empty();
    }

    @Override
    public Optional<PayableInvoice> findByPublicToken(String publicToken) {
        return Optional.empty();
    }

    @Override
    public boolean recordProviderPayment(String locationId, String invoiceId, ProviderPayment payment) {
        return false;
    }

    @Override
    public boolean markProcessing(String locationId, String invoiceId) {
        return false;
    }

    @Override
    public void clearProcessing(String locationId, String invoiceId) {
    }
}
