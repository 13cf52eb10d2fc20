package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;

/**
 * Auto-payment by the server's clock: an invoice sent through the API with autoPayment is charged
 * when the test clock reaches the start of its due date in the location's zone, not a moment
 * before, and a declined charge is tried again when the clock reaches the retry. Runs on a database
 * of its own, so no other context's scheduler takes its tasks.
 */
@ClockServerTest
class AutoPaymentClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MutableClock clock;

    @Test
    void aFutureDueDateIsChargedWhenTheClockReachesItsStartInTheLocationsZone() {
        Tenant tenant = connectedTenant();
        LocalDate due = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(5);
        String invoiceId = sentWithAutoPayment(tenant, due, 50);
        StripeStub.chargeSucceeds("pi_clock_" + invoiceId, 5000, "usd", invoiceId, tenant.locationId());
        Instant startOfDue = due.atStartOfDay(CHICAGO).toInstant();
        assertThat(scheduledAt(tenant, invoiceId)).contains(startOfDue);

        // A second before: the scheduler has polled at that time (the hourly cleanup ran by it) and charged nothing.
        Instant secondBefore = startOfDue.minusSeconds(1);
        clock.set(secondBefore);
        awaitCleanupRanAtOrAfter(secondBefore);
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoiceId)).isEmpty();
        assertThat(invoice(tenant, invoiceId).path("status").asString()).isEqualTo("sent");

        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> invoice(tenant, invoiceId).path("status").asString().equals("paid"));
        List<LoggedRequest> charges = StripeStub.requests("POST", "/v1/payment_intents", invoiceId);
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).getHeader("Idempotency-Key")).isEqualTo("remit-auto-" + invoiceId + "-5000usd-1");
        assertThat(attemptTimes(tenant, invoiceId)).containsExactly(startOfDue);
    }

    @Test
    void aDeclinedChargeIsTriedAgainWhenTheClockReachesTheRetry() {
        Tenant tenant = connectedTenant();
        LocalDate due = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(2);
        String invoiceId = sentWithAutoPayment(tenant, due, 20);
        StripeStub.chargeDeclined("pi_declined_clock_" + invoiceId, invoiceId);
        Instant startOfDue = due.atStartOfDay(CHICAGO).toInstant();

        clock.set(startOfDue);
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptTimes(tenant, invoiceId).size() == 1
                && scheduledAt(tenant, invoiceId).filter(at -> at.isAfter(startOfDue)).isPresent());
        Instant retry = startOfDue.plus(Duration.ofDays(1)); // the first of remit.payments.auto-payment.retry-after
        assertThat(scheduledAt(tenant, invoiceId)).contains(retry);

        clock.set(retry.minusSeconds(1));
        awaitCleanupRanAtOrAfter(retry.minusSeconds(1));
        assertThat(attemptTimes(tenant, invoiceId)).hasSize(1);

        clock.set(retry);
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptTimes(tenant, invoiceId).size() == 2);
        assertThat(attemptTimes(tenant, invoiceId)).containsExactly(startOfDue, retry);
        await().atMost(Duration.ofSeconds(60)).until(() -> StripeStub.requests("POST", "/v1/payment_intents", invoiceId).size() >= 2);
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoiceId)).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly("remit-auto-" + invoiceId + "-2000usd-1", "remit-auto-" + invoiceId + "-2000usd-2");
    }

    private String sentWithAutoPayment(Tenant tenant, LocalDate due, int amount) {
        Map<String, Object> body = InvoicePaymentFlowTest.createBody(tenant, amount, due.toString());
        body.put("issueDate", LocalDate.ofInstant(clock.instant(), CHICAGO).toString());
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String invoiceId = created.json().path("_id").asString();
        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", false));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return invoiceId;
    }

    /** The hourly idempotency-key cleanup is due whenever the clock has moved an hour: its run shows a poll at that time. */
    private void awaitCleanupRanAtOrAfter(Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(at)).orElse(false));
    }

    private Optional<Instant> scheduledAt(Tenant tenant, String invoiceId) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(AutoPaymentTask.NAME, tenant.locationId() + ":" + invoiceId).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    private List<Instant> attemptTimes(Tenant tenant, String invoiceId) {
        return jdbc.sql("select created_at from payment_attempt where location_id = ? and invoice_id = ? and kind = 'auto' "
                + "order by attempt_no").params(tenant.locationId(), invoiceId).query(Timestamp.class).list().stream()
                .map(Timestamp::toInstant).toList();
    }

    private tools.jackson.databind.JsonNode invoice(Tenant tenant, String invoiceId) {
        return api(tenant).get("/invoices/" + invoiceId + InvoiceBodies.q(tenant)).json();
    }
}
