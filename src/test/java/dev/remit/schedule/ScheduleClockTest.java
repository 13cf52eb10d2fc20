package dev.remit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.payment.StripeStub;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * Occurrences by the server's clock: the test clock is moved to each occurrence and the scheduler
 * generates, sends and (with autoPayment) charges its invoice, once. Never sleeps for business time.
 */
@ClockServerTest
class ScheduleClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MutableClock clock;

    @Test
    void aYearOfMonthlyOccurrencesOnThe31stMakesExactlyTwelveInvoicesEmailsAndTexts() {
        Tenant tenant = newTenant();
        YearMonth first = YearMonth.from(LocalDate.ofInstant(clock.instant(), CHICAGO)).plusMonths(1);
        Map<String, Object> rrule = ScheduleBodies.monthly(first.atDay(1).toString(), 31);
        rrule.put("count", 12);
        String id = scheduled(tenant, ScheduleBodies.create(tenant, rrule), null);

        // hand-computed: the 31st, or the last day of a shorter month, at 09:00 in Chicago
        List<LocalDate> expected = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            YearMonth month = first.plusMonths(k);
            expected.add(month.atDay(Math.min(31, month.lengthOfMonth())));
        }
        Instant firstAt = expected.get(0).atTime(9, 0).atZone(CHICAGO).toInstant();
        clock.set(firstAt.minusSeconds(1));
        awaitCleanupRanAtOrAfter(firstAt.minusSeconds(1));
        assertThat(invoices(tenant, id)).isEmpty();

        for (int k = 0; k < 12; k++) {
            Instant at = expected.get(k).atTime(9, 0).atZone(CHICAGO).toInstant();
            clock.set(at);
            int generated = k + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == generated);
            String next = k < 11 ? id + "@" + expected.get(k + 1).atTime(LocalTime.of(9, 0)) : null;
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs(id).equals(next == null ? List.of() : List.of(next)));
        }
        JsonNode schedule = api(tenant).get("/invoices/schedule/" + id + InvoiceBodies.q(tenant)).json();
        assertThat(schedule.path("status").asString()).isEqualTo("completed");
        JsonNode invoices = schedule.path("invoices");
        assertThat(invoices.size()).isEqualTo(12);
        List<String> numbers = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            JsonNode invoice = invoices.get(k);
            assertThat(invoice.path("issueDate").asString()).isEqualTo(expected.get(k).toString());
            assertThat(invoice.path("dueDate").asString()).isEqualTo(expected.get(k).toString());
            assertThat(invoice.path("status").asString()).isEqualTo("sent");
            assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("500");
            assertThat(invoice.path("liveMode").asBoolean()).isFalse();
            numbers.add(invoice.path("invoiceNumber").asString());
            String invoiceId = invoice.path("_id").asString();
            assertThat(deliveries(tenant, invoiceId)).containsExactlyInAnyOrder("email", "sms");
        }
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void eachOccurrenceIsChargedOnItsDueDateThroughTheSavedPaymentMethod() {
        Tenant tenant = connectedTenant();
        LocalDate due = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(10);
        Map<String, Object> rrule = ScheduleBodies.monthly(due.toString(), due.getDayOfMonth());
        rrule.put("daysBefore", 3);
        rrule.put("count", 2);
        String id = scheduled(tenant, ScheduleBodies.create(tenant, rrule), ScheduleBodies.card(true));

        for (int k = 0; k < 2; k++) {
            LocalDate dueDate = due.plusMonths(k);
            LocalDate issue = dueDate.minusDays(3);
            clock.set(issue.atTime(9, 0).atZone(CHICAGO).toInstant());
            int generated = k + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == generated);
            String invoiceId = invoiceIds(id).get(k);
            JsonNode invoice = api(tenant).get("/invoices/" + invoiceId + InvoiceBodies.q(tenant)).json();
            assertThat(invoice.path("issueDate").asString()).isEqualTo(issue.toString());
            assertThat(invoice.path("dueDate").asString()).isEqualTo(dueDate.toString());
            assertThat(invoice.path("status").asString()).isEqualTo("sent");
            assertThat(invoice.path("autoPayment").path("paymentMethodId").asString()).isEqualTo("pm_1");
            StripeStub.chargeSucceeds("pi_schedule_" + invoiceId, 50000, "usd", invoiceId, tenant.locationId());
            assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoiceId)).isEmpty();

            clock.set(dueDate.atStartOfDay(CHICAGO).toInstant());
            // polled in the database: the API's burst limit would run out while the clock stands still
            await().atMost(Duration.ofSeconds(60)).until(() -> "paid".equals(jdbc.sql("select status from invoice where id = ?")
                    .param(invoiceId).query(String.class).single()));
            assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoiceId)).hasSize(1);
        }
    }

    @Test
    void afterALongDowntimeTheMissedOccurrencesCollapseIntoOneInvoice() {
        Tenant tenant = newTenant();
        LocalDate start = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(1);
        Map<String, Object> rrule = new java.util.LinkedHashMap<>(Map.of("intervalType", "daily", "interval", 1,
                "startDate", start.toString(), "startTime", "09:00"));
        String id = scheduled(tenant, ScheduleBodies.create(tenant, rrule), null);

        // the server "was down" for five occurrences: the clock jumps past them all at once
        clock.set(start.plusDays(4).atTime(10, 0).atZone(CHICAGO).toInstant());
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs(id).equals(List.of(id + "@" + start.plusDays(5) + "T09:00")));
        JsonNode invoice = api(tenant).get("/invoices/" + invoiceIds(id).get(0) + InvoiceBodies.q(tenant)).json();
        assertThat(invoice.path("issueDate").asString()).isEqualTo(start.plusDays(4).toString());
        assertThat(invoiceIds(id)).hasSize(1);
        cancel(tenant, id);
    }

    @Test
    void cancelledMidwayNothingMoreIsGenerated() {
        Tenant tenant = newTenant();
        LocalDate start = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(1);
        Map<String, Object> rrule = new java.util.LinkedHashMap<>(Map.of("intervalType", "weekly", "interval", 1,
                "startDate", start.toString(), "startTime", "09:00", "dayOfWeek",
                start.getDayOfWeek().name().substring(0, 2).toLowerCase()));
        String id = scheduled(tenant, ScheduleBodies.create(tenant, rrule), null);
        for (int k = 0; k < 2; k++) {
            clock.set(start.plusWeeks(k).atTime(9, 0).atZone(CHICAGO).toInstant());
            int generated = k + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == generated);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs(id).size() == 1);
        cancel(tenant, id);
        assertThat(jobs(id)).isEmpty();
        Instant third = start.plusWeeks(2).atTime(9, 0).atZone(CHICAGO).toInstant();
        clock.set(third.plusSeconds(3600));
        awaitCleanupRanAtOrAfter(third.plusSeconds(3600));
        assertThat(invoiceIds(id)).hasSize(2);
        JsonNode schedule = api(tenant).get("/invoices/schedule/" + id + InvoiceBodies.q(tenant)).json();
        assertThat(schedule.path("status").asString()).isEqualTo("cancelled");
        assertThat(schedule.path("invoices").size()).isEqualTo(2);
    }

    @Autowired
    OccurrenceRunner runner;

    @Autowired
    ScheduleRepository repository;

    @Test
    void twoRunnersAndTheSchedulerRacingForOneOccurrenceMakeOneInvoice() throws Exception {
        Tenant tenant = newTenant();
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(2);
        Map<String, Object> rrule = new java.util.LinkedHashMap<>(Map.of("intervalType", "daily", "interval", 1,
                "startDate", day.toString(), "startTime", "09:00", "count", 1));
        String id = scheduled(tenant, ScheduleBodies.create(tenant, rrule), null);
        OccurrenceJob.RunOccurrence data = new OccurrenceJob.RunOccurrence(tenant.locationId(), id, day + "T09:00");

        clock.set(day.atTime(9, 0).atZone(CHICAGO).toInstant());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> runner.runOnce(data)));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs(id).isEmpty());
        assertThat(invoiceIds(id)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from invoice where location_id = ?").param(tenant.locationId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(deliveries(tenant, invoiceIds(id).get(0))).containsExactlyInAnyOrder("email", "sms");
        // the database's own key refuses a second invoice for the occurrence
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository.insertOccurrence(tenant.locationId(), id,
                day + "T09:00", "6b0000000000000000000000", clock.instant()))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        // a run of an occurrence the schedule no longer waits for does nothing
        assertThat(runner.runOnce(data)).isInstanceOf(dev.remit.jobs.JobResult.Done.class);
        assertThat(invoiceIds(id)).hasSize(1);
        assertThat(api(tenant).get("/invoices/schedule/" + id + InvoiceBodies.q(tenant)).json().path("status").asString())
                .isEqualTo("completed");
    }

    @Autowired
    com.github.kagkarlsson.scheduler.Scheduler scheduler;

    @Test
    void anUpdateRacingAnOccurrenceNeitherDropsNorRepeatsIt() throws Exception {
        Tenant tenant = newTenant();
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(1);
        Map<String, Object> nine = new java.util.LinkedHashMap<>(Map.of("intervalType", "daily", "interval", 1,
                "startDate", day.toString(), "startTime", "09:00", "count", 3));
        Map<String, Object> ten = new java.util.LinkedHashMap<>(nine);
        ten.put("startTime", "10:00");
        String a = scheduled(tenant, ScheduleBodies.create(tenant, nine), null);
        String b = scheduled(tenant, ScheduleBodies.create(tenant, nine), null);
        String c = scheduled(tenant, ScheduleBodies.create(tenant, nine), null);
        String first = day + "T09:00";

        // the updates land after the occurrence's time and before its job has run
        scheduler.pause();
        try {
            clock.set(day.atTime(9, 0).atZone(CHICAGO).toInstant().plusSeconds(5));
            update(tenant, a, nine, "UPDATED");
            update(tenant, b, ten, "MOVED");
            assertThat(jobs(a)).containsExactly(a + "@" + first);
            assertThat(jobs(b)).containsExactly(b + "@" + first);
            // the occurrence's run and an update at the same moment: they take turns on the row lock
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var run = pool.submit(() -> runner.runOnce(new OccurrenceJob.RunOccurrence(tenant.locationId(), c, first)));
                var updated = pool.submit(() -> update(tenant, c, nine, "RACED"));
                run.get();
                updated.get();
            } finally {
                pool.shutdown();
            }
        } finally {
            scheduler.resume();
        }

        String next = day.plusDays(1) + "T09:00";
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(a).size() == 1 && jobs(a).equals(List.of(a + "@" + next)));
        // an update that moved the time: the due 09:00 occurrence still goes out, once, and the new timing counts from it
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(b).size() == 1
                && jobs(b).equals(List.of(b + "@" + day + "T10:00")));
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(c).size() == 1 && jobs(c).equals(List.of(c + "@" + next)));
        for (String id : List.of(a, b, c)) {
            assertThat(occurrences(id)).containsExactly(first);
        }
        JsonNode updatedInvoice = api(tenant).get("/invoices/" + invoiceIds(a).get(0) + InvoiceBodies.q(tenant)).json();
        assertThat(updatedInvoice.path("title").asString()).isEqualTo("UPDATED");
        assertThat(updatedInvoice.path("issueDate").asString()).isEqualTo(day.toString());

        clock.set(day.atTime(10, 0).atZone(CHICAGO).toInstant());
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(b).size() == 2);
        assertThat(occurrences(b)).containsExactly(first, day + "T10:00");
        assertThat(invoiceIds(a)).hasSize(1);
        assertThat(invoiceIds(c)).hasSize(1);
        for (String id : List.of(a, b, c)) {
            cancel(tenant, id);
        }
    }

    private ApiResponse update(Tenant tenant, String id, Map<String, Object> rrule, String title) {
        Map<String, Object> body = ScheduleBodies.create(tenant, rrule);
        body.put("title", title);
        ApiResponse updated = api(tenant).put("/invoices/schedule/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        return updated;
    }

    private List<String> occurrences(String scheduleId) {
        return jdbc.sql("select occurrence from invoice_schedule_occurrence where schedule_id = ? order by occurrence")
                .param(scheduleId).query(String.class).list();
    }

    private String scheduled(Tenant tenant, Map<String, Object> body, Map<String, Object> autoPayment) {
        ApiResponse created = api(tenant).post("/invoices/schedule", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        Map<String, Object> schedule = ScheduleBodies.schedule(tenant, false);
        if (autoPayment != null) {
            schedule.put("autoPayment", autoPayment);
        }
        ApiResponse answer = api(tenant).post("/invoices/schedule/" + id + "/schedule", schedule);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return id;
    }

    private void cancel(Tenant tenant, String id) {
        assertThat(api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant)).status()).isEqualTo(200);
    }

    private List<String> invoiceIds(String scheduleId) {
        return jdbc.sql("select invoice_id from invoice_schedule_occurrence where schedule_id = ? order by occurrence")
                .param(scheduleId).query(String.class).list();
    }

    private List<JsonNode> invoices(Tenant tenant, String id) {
        List<JsonNode> out = new ArrayList<>();
        api(tenant).get("/invoices/schedule/" + id + InvoiceBodies.q(tenant)).json().path("invoices").forEach(out::add);
        return out;
    }

    private List<String> jobs(String scheduleId) {
        return jdbc.sql("select task_instance from scheduled_tasks where task_name = ? and task_instance like ?")
                .params(OccurrenceJob.NAME, scheduleId + "@%").query(String.class).list();
    }

    private List<String> deliveries(Tenant tenant, String invoiceId) {
        return jdbc.sql("select channel from delivery where location_id = ? and invoice_id = ?")
                .params(tenant.locationId(), invoiceId).query(String.class).list();
    }

    /** The hourly idempotency-key cleanup is due whenever the clock has moved an hour: its run shows a poll at that time. */
    private void awaitCleanupRanAtOrAfter(Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(at)).orElse(false));
    }
}
