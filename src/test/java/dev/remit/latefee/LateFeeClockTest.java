package dev.remit.latefee;

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

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * Late fees by the server's clock (docs/late-fees.md): a sent invoice accrues its fees when the test
 * clock passes the due date plus grace in the location's zone, not a second before; each interval
 * once; missed intervals caught up, not multiplied; the cap; payment, void and a new configuration.
 */
@ClockServerTest
class LateFeeClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MutableClock clock;

    @Autowired
    dev.remit.invoice.InvoiceService invoices;

    @Test
    void fixedDailyFeesAfterGraceUpToTheCap() throws Exception {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        LocalDate due = today.plusDays(2);
        String id = sent(tenant, today, due, TemplateBodies.lateFees(10, "fixed", 1, "day", 1, 25));
        Instant first = due.plusDays(2).atStartOfDay(CHICAGO).toInstant();
        assertThat(scheduledAt(tenant, id)).contains(first);

        clock.set(first.minusSeconds(1));
        awaitCleanupRanAtOrAfter(first.minusSeconds(1));
        assertThat(fees(tenant, id)).isEmpty();

        clock.set(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, id).size() == 1);
        JsonNode invoice = invoice(tenant, id);
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("110");
        assertThat(invoice.path("amountDue").decimalValue()).isEqualByComparingTo("110");
        assertThat(invoice.path("totalSummary").path("lateFees").decimalValue()).isEqualByComparingTo("10");
        JsonNode fee = invoice.path("lateFeesApplied").get(0);
        assertThat(fee.path("number").asInt()).isEqualTo(1);
        assertThat(fee.path("amount").decimalValue()).isEqualByComparingTo("10");
        assertThat(Instant.parse(fee.path("dueAt").asString())).isEqualTo(first);
        assertThat(Instant.parse(fee.path("appliedAt").asString())).isEqualTo(first);
        assertThat(fee.path("lateFeesConfiguration").path("type").asString()).isEqualTo("fixed");
        assertThat(scheduledAt(tenant, id)).contains(first.plus(Duration.ofDays(1)));
        String token = invoices.load(tenant.locationId(), id).publicToken();
        assertThat(publicPage("/i/" + token)).contains("Late fees", "$10.00", "$110.00");

        clock.set(first.plus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, id).size() == 2);
        clock.set(first.plus(Duration.ofDays(2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, id).size() == 3);
        assertThat(fees(tenant, id)).containsExactly("10.0000", "10.0000", "5.0000");
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id).isEmpty());
        assertThat(invoice(tenant, id).path("amountDue").decimalValue()).isEqualByComparingTo("125");

        clock.set(first.plus(Duration.ofDays(5)));
        awaitCleanupRanAtOrAfter(first.plus(Duration.ofDays(5)));
        assertThat(fees(tenant, id)).hasSize(3);
    }

    @Test
    void threeMissedIntervalsGiveExactlyThreePercentageFeesAndAPaymentStopsThem() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today, TemplateBodies.lateFees(1.5, "percentage", 1, "day", 0, null));
        Instant first = today.plusDays(1).atStartOfDay(CHICAGO).toInstant();

        // the server was down for three intervals: it comes back six hours into the third day after the first
        clock.set(first.plus(Duration.ofDays(2)).plus(Duration.ofHours(6)));
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, id).size() == 3);
        // 1.5 % of 100 = 1.50; of 101.50 = 1.5225 → 1.52; of 103.02 = 1.5453 → 1.55
        assertThat(fees(tenant, id)).containsExactly("1.5000", "1.5200", "1.5500");
        assertThat(dueTimes(tenant, id)).containsExactly(first, first.plus(Duration.ofDays(1)), first.plus(Duration.ofDays(2)));
        assertThat(invoice(tenant, id).path("amountDue").decimalValue()).isEqualByComparingTo("104.57");
        assertThat(scheduledAt(tenant, id)).contains(first.plus(Duration.ofDays(3)));

        ApiResponse paid = api(tenant).post("/invoices/" + id + "/record-payment", InvoiceBodies.payment(tenant, null));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        clock.set(first.plus(Duration.ofDays(3)));
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id).isEmpty());
        assertThat(fees(tenant, id)).hasSize(3);
        assertThat(invoice(tenant, id).path("status").asString()).isEqualTo("paid");
    }

    @Test
    void voidStopsFeesAndANewConfigurationHoldsFromWhenItIsMade() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today, null);
        assertThat(scheduledAt(tenant, id)).isEmpty();
        Instant first = today.plusDays(1).atStartOfDay(CHICAGO).toInstant();

        // configured ten days late, hourly: nothing for the ten days before, the first fee at once
        Instant configured = first.plus(Duration.ofDays(10));
        clock.set(configured);
        ApiResponse patched = api(tenant).patch("/invoices/" + id + "/late-fees-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location",
                "lateFeesConfiguration", TemplateBodies.lateFees(2, "fixed", 1, "hour", 0, null)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("lateFeesConfiguration").path("frequency").path("interval").asString()).isEqualTo("hour");
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, id).size() == 1);
        assertThat(dueTimes(tenant, id)).containsExactly(configured);

        ApiResponse voided = api(tenant).post("/invoices/" + id + "/void", InvoiceBodies.alt(tenant));
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        clock.set(configured.plus(Duration.ofHours(3)));
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id).isEmpty());
        assertThat(fees(tenant, id)).hasSize(1);
        assertThat(invoice(tenant, id).path("total").decimalValue()).isEqualByComparingTo("102");

        ApiResponse onVoid = api(tenant).extension().patch("/invoices/" + id + "/late-fees-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location",
                "lateFeesConfiguration", TemplateBodies.lateFees(2, "fixed", 1, "hour", 0, null)));
        assertThat(onVoid.status()).isEqualTo(422);
    }

    @Autowired
    LateFeeAccrual accrual;

    /**
     * Two instances running the same invoice's job at once (as after a missed heartbeat): each fee is
     * applied once. The loser's transaction fails on the invoice's version or the fee's key and rolls
     * back; run again (as the jobs layer does a second later) it finds nothing left to apply.
     */
    @Test
    void twoRunsAtOnceApplyEachFeeOnce() throws Exception {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today, TemplateBodies.lateFees(3, "fixed", 1, "hour", 0, null));
        Instant first = today.plusDays(1).atStartOfDay(CHICAGO).toInstant();
        jdbc.sql("delete from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(LateFeeJob.NAME, tenant.locationId() + ":" + id).update();
        clock.set(first.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(30)));
        LateFeeJob.AccrueLateFees data = new LateFeeJob.AccrueLateFees(tenant.locationId(), id, null);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Object>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    start.await();
                    try {
                        return accrual.run(data, null);
                    } catch (org.springframework.dao.DataAccessException lostTheRace) {
                        return accrual.run(data, null);
                    }
                }));
            }
            start.countDown();
            for (var run : runs) {
                assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(new dev.remit.jobs.JobResult.RetryAt(first.plus(Duration.ofHours(5))));
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(fees(tenant, id)).containsExactly("3.0000", "3.0000", "3.0000", "3.0000", "3.0000");
        assertThat(invoice(tenant, id).path("amountDue").decimalValue()).isEqualByComparingTo("115");
    }

    @Test
    void thePatchFollowsTheRequestContract() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today.plusDays(30), null);
        Map<String, Object> body = Map.of("altId", tenant.locationId(), "altType", "location",
                "lateFeesConfiguration", TemplateBodies.lateFees(2, "fixed", 1, "day", 0, null));
        assertThat(api(other).patch("/invoices/" + id + "/late-fees-configuration", body).status()).isEqualTo(403);
        Map<String, Object> theirs = Map.of("altId", other.locationId(), "altType", "location",
                "lateFeesConfiguration", TemplateBodies.lateFees(2, "fixed", 1, "day", 0, null));
        ApiResponse notFound = api(other).extension().patch("/invoices/" + id + "/late-fees-configuration", theirs);
        assertThat(notFound.status()).isEqualTo(404);
        ApiResponse invalid = api(tenant).patch("/invoices/" + id + "/late-fees-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location", "lateFeesConfiguration",
                Map.of("enable", "yes", "type", "weekly", "frequency", Map.of("interval", "day", "intervalCount", 0))));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("message").toString()).contains("lateFeesConfiguration.value should not be empty",
                "lateFeesConfiguration.type must be one of the following values",
                "lateFeesConfiguration.frequency.intervalCount must not be less than 1");
    }

    private String sent(Tenant tenant, LocalDate issue, LocalDate due, Map<String, Object> lateFees) {
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Work", 100, 1)));
        body.put("issueDate", issue.toString());
        body.put("dueDate", due.toString());
        if (lateFees != null) {
            body.put("lateFeesConfiguration", lateFees);
        }
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        ApiResponse sent = api(tenant).post("/invoices/" + id + "/send", InvoiceBodies.seedSend(tenant, "send_manually", false));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return id;
    }

    private String publicPage(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitCleanupRanAtOrAfter(Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(at)).orElse(false));
    }

    private Optional<Instant> scheduledAt(Tenant tenant, String id) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(LateFeeJob.NAME, tenant.locationId() + ":" + id).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    private List<String> fees(Tenant tenant, String id) {
        return jdbc.sql("select amount from invoice_late_fee where location_id = ? and invoice_id = ? order by fee_number")
                .params(tenant.locationId(), id).query(java.math.BigDecimal.class).list().stream()
                .map(amount -> amount.setScale(4).toPlainString()).toList();
    }

    private List<Instant> dueTimes(Tenant tenant, String id) {
        return jdbc.sql("select due_at from invoice_late_fee where location_id = ? and invoice_id = ? order by fee_number")
                .params(tenant.locationId(), id).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }

    private JsonNode invoice(Tenant tenant, String id) {
        return api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json();
    }
}
