package dev.remit.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.remit.tenancy.Ids;
import tools.jackson.databind.JsonNode;

/**
 * Invoices as payments see them, in memory and shared by every context in the JVM (so a restarted
 * context sees the same invoices): the stand-in for the invoice capability until it is merged.
 */
public final class FakeInvoices implements InvoicePayments {

    static final Map<String, Invoice> INVOICES = new ConcurrentHashMap<>();

    static final class Invoice {
        final String id = Ids.newId();
        final String locationId;
        final String token = (Ids.newId() + Ids.newId()).substring(0, 40);
        final String currency;
        final BigDecimal total;
        final List<ProviderPayment> ledger = new ArrayList<>();
        volatile String status = "sent";
        volatile boolean liveMode;
        volatile LocalDate dueDate;
        volatile JsonNode autoPayment;
        volatile PayableInvoice.PaymentSchedule schedule;

        Invoice(String locationId, String currency, BigDecimal total) {
            this.locationId = locationId;
            this.currency = currency;
            this.total = total;
        }

        synchronized BigDecimal paid() {
            return ledger.stream().map(ProviderPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        synchronized PayableInvoice view() {
            BigDecimal paid = paid();
            return new PayableInvoice(id, locationId, "7", "Kitchen repair", currency, total, paid,
                    total.subtract(paid), dev.remit.invoice.InvoiceStatus.fromWire(status).orElseThrow(), liveMode, dueDate, token, "Jo Customer", "jo@example.com", schedule,
                    AutoPaymentSetup.from(autoPayment));
        }
    }

    static Invoice create(String locationId, String currency, String total) {
        Invoice invoice = new Invoice(locationId, currency, new BigDecimal(total));
        INVOICES.put(invoice.id, invoice);
        return invoice;
    }

    @Override
    public Optional<PayableInvoice> find(String locationId, String invoiceId) {
        Invoice invoice = INVOICES.get(invoiceId);
        return invoice == null || !invoice.locationId.equals(locationId) ? Optional.empty() : Optional.of(invoice.view());
    }

    @Override
    public Optional<PayableInvoice> findByPublicToken(String publicToken) {
        return INVOICES.values().stream().filter(i -> i.token.equals(publicToken)).findFirst().map(Invoice::view);
    }

    @Override
    public boolean recordProviderPayment(String locationId, String invoiceId, ProviderPayment payment) {
        Invoice invoice = INVOICES.get(invoiceId);
        synchronized (invoice) {
            BigDecimal due = invoice.total.subtract(invoice.paid());
            if (invoice.status.equals("void") || payment.amount().compareTo(due) > 0) {
                return false;
            }
            invoice.ledger.add(payment);
            invoice.status = invoice.paid().compareTo(invoice.total) == 0 ? "paid" : "partially_paid";
            return true;
        }
    }

    @Override
    public boolean markProcessing(String locationId, String invoiceId) {
        Invoice invoice = INVOICES.get(invoiceId);
        synchronized (invoice) {
            if (!invoice.view().isOpen()) {
                return false;
            }
            invoice.status = "payment_processing";
            return true;
        }
    }

    @Override
    public void clearProcessing(String locationId, String invoiceId) {
        Invoice invoice = INVOICES.get(invoiceId);
        synchronized (invoice) {
            if (invoice.status.equals("payment_processing")) {
                invoice.status = invoice.paid().signum() == 0 ? "sent" : "partially_paid";
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        InvoicePayments fakeInvoices() {
            return new FakeInvoices();
        }
    }
}
