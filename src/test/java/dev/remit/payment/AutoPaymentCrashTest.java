package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.support.TestDatabase;
import dev.remit.support.Tenant;

/**
 * A server dies in the middle of an auto-charge (after claiming the attempt, or after Stripe took the
 * money but before remit wrote it down); another server on the same database finishes it. Stripe is
 * asked only with the one idempotency key, so it makes one charge, and the ledger has one payment.
 */
class AutoPaymentCrashTest {

    /** Stops the charging thread at a point, as a crash would: it never goes on. */
    static final class Crash implements AutoCharger.Probe {
        final String point;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);

        Crash(String point) {
            this.point = point;
        }

        @Override
        public void at(String where, String invoiceId) {
            if (where.equals(point)) {
                reached.countDown();
                // A dead process does nothing more, not even fail: shutting the server down interrupts this
                // thread, and it keeps waiting, so the execution stays picked with a heartbeat that stops.
                while (never.getCount() > 0) {
                    try {
                        never.await();
                    } catch (InterruptedException interrupted) {
                        // ignored: dead
                    }
                }
                throw new IllegalStateException("this server is dead");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-claim", "after-charge"})
    void aRestartMidChargeChargesOnce(String point) throws Exception {
        Map<String, Object> database = TestDatabase.fresh("crash");
        Crash crash = new Crash(point);
        Tenant tenant;
        String invoiceId;
        try (RemitInstance first = RemitInstance.start(database, "node-a", crash)) {
            tenant = first.connectedTenant("crash-" + point);
            invoiceId = first.createInvoice(tenant, 640);
            StripeStub.chargeSucceeds("pi_crash_" + invoiceId, 64000, "usd", invoiceId, tenant.locationId());
            first.sendWithAutoPayment(tenant, invoiceId);
            assertThat(crash.reached.await(30, TimeUnit.SECONDS)).as("the charge reached " + point).isTrue();
            assertThat(first.bean(InvoiceService.class).load(tenant.locationId(), invoiceId).status())
                    .isEqualTo(InvoiceStatus.PAYMENT_PROCESSING);
        } // the server goes away with its execution picked and its attempt claimed

        try (RemitInstance second = RemitInstance.start(database, "node-b")) {
            String location = tenant.locationId();
            String id = invoiceId;
            InvoiceService invoices = second.bean(InvoiceService.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> invoices.load(location, id).status() == InvoiceStatus.PAID);
            assertThat(invoices.payments(location, id)).singleElement()
                    .satisfies(p -> assertThat(p.providerRef()).isEqualTo("pi_crash_" + id));
            List<LoggedRequest> charges = StripeStub.requests("POST", "/v1/payment_intents", id);
            assertThat(charges).hasSize(point.equals("after-claim") ? 1 : 2);
            assertThat(charges).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("remit-auto-" + id + "-64000usd-1");
        } finally {
            crash.never.countDown();
        }
    }
}
