package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceRuleException;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.support.TestDatabase;
import dev.remit.support.Tenant;

/**
 * Whatever mix of record-payment and Stripe payments (some delivered twice) reaches an invoice, its
 * amountPaid is the sum of its one ledger, nothing is over-paid, and it is paid exactly when nothing is due.
 */
class LedgerProperties {

    private static RemitInstance server;
    private static Tenant tenant;

    private static synchronized RemitInstance server() {
        if (server == null) {
            server = RemitInstance.start(TestDatabase.fresh("ledger"), "ledger");
            tenant = server.connectedTenant("ledger");
        }
        return server;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A manual payment, or a Stripe payment identified by one of a few PaymentIntents (so some repeat). */
    record Payment(boolean manual, long cents, int intent) {
    }

    static Gen<List<Payment>> payments() {
        Gen<Payment> payment = Generate.booleans().zip(Generate.longRange(1, 30_000), Generate.range(0, 5), Payment::new);
        return lists().of(payment).ofSizeBetween(1, 8);
    }

    @Test
    void amountPaidIsAlwaysTheLedgersSum() {
        qt().withFixedSeed(Long.getLong("remit.properties.seed", 20261128L)).withExamples(25).withShrinkCycles(10)
                .forAll(payments()).checkAssert(LedgerProperties::ledgerStaysTheSum);
    }

    static void ledgerStaysTheSum(List<Payment> payments) {
        RemitInstance remit = server();
        InvoiceService invoices = remit.bean(InvoiceService.class);
        ProviderCharges charges = remit.bean(ProviderCharges.class);
        InvoicePayments port = remit.bean(InvoicePayments.class);
        TransactionTemplate transaction = remit.bean(TransactionTemplate.class);
        String location = tenant.locationId();
        String invoiceId = remit.createInvoice(tenant, 500);
        invoices.send(location, invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });

        Set<Integer> intentsRecorded = new HashSet<>();
        for (Payment payment : payments) {
            BigDecimal amount = BigDecimal.valueOf(payment.cents(), 2);
            if (payment.manual()) {
                try {
                    invoices.recordPayment(location, invoiceId, new InvoiceService.PaymentInput(amount, "cash", "manual",
                            null, null, null, "property", null, null, null));
                } catch (InvoiceRuleException refused) {
                    // more than is due, or already paid: refused, nothing written
                }
            } else {
                ProviderCharges.Recorded result = transaction.execute(status -> charges.record(
                        port.find(location, invoiceId).orElseThrow(), "pi_prop_" + invoiceId + "_" + payment.intent(),
                        payment.cents(), "usd", false, "visa", "4242"));
                if (intentsRecorded.contains(payment.intent())) {
                    assertThat(result).isEqualTo(ProviderCharges.Recorded.ALREADY_RECORDED);
                }
                intentsRecorded.add(payment.intent());
            }
            Invoice invoice = invoices.load(location, invoiceId);
            List<InvoiceRepository.Payment> ledger = invoices.payments(location, invoiceId);
            BigDecimal sum = ledger.stream().map(InvoiceRepository.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(invoice.amountPaid()).isEqualByComparingTo(sum);
            assertThat(invoice.amountDue()).isEqualByComparingTo(invoice.totals().total().subtract(sum));
            assertThat(invoice.amountDue().signum()).isGreaterThanOrEqualTo(0);
            assertThat(invoice.status() == InvoiceStatus.PAID).isEqualTo(invoice.amountDue().signum() == 0);
            assertThat(ledger.stream().filter(p -> p.providerRef() != null).map(InvoiceRepository.Payment::providerRef))
                    .doesNotHaveDuplicates();
        }
    }
}
