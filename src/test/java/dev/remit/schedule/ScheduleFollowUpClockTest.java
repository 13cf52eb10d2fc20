package dev.remit.schedule;

import static dev.remit.support.GreenMailStub.GREEN_MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.GreenMailStub;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * What follows an occurrence's invoice once it is sent, by the server's clock: its late fees (the
 * schedule's {@code lateFeesConfiguration}) and its reminders (the location's reminder settings, or the
 * schedule's own), exactly as for an invoice created and sent through the API. Delivered by SMTP
 * (GreenMail); never sleeps for business time.
 */
@ClockServerTest
@Import(GreenMailStub.class)
@TestPropertySource(properties = "remit.mail.from-address=invoices@remit.example")
class ScheduleFollowUpClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    MutableClock clock;

    @Test
    void anOccurrencesInvoiceAccruesItsLateFeeOncePerIntervalAndSendsItsReminderOnce() throws Exception {
        Tenant tenant = newTenant();
        // the location's reminders: one, a day after the due date at 9:00 AM, once overdue
        Map<String, Object> reminders = reminders(reminder("overdue", "after", 1, 1, "invoice_overdue"));
        Map<String, Object> settings = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        settings.putAll(reminders);
        ApiResponse saved = api(tenant).extension().put("/invoices/settings", settings);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        LocalDate day = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(1);
        String email = "follow-up" + NEXT.incrementAndGet() + "@customer.example";
        Map<String, Object> body = liveSchedule(tenant, day, email);
        // 10 a day from the second day after the due date (one day of grace), 20 at most
        body.put("lateFeesConfiguration", TemplateBodies.lateFees(10, "fixed", 1, "day", 1, 20));
        String id = scheduled(tenant, body);

        clock.set(day.atTime(9, 0).atZone(CHICAGO).toInstant());
        await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == 1);
        String invoiceId = invoiceIds(id).get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailbox(email).length == 1);

        // what the send of any invoice starts, in the occurrence's transaction
        Instant reminderAt = ZonedDateTime.of(day.plusDays(1), LocalTime.of(9, 0), CHICAGO).toInstant();
        Instant firstFee = day.plusDays(2).atStartOfDay(CHICAGO).toInstant();
        assertThat(jobTimes("remit-reminders", tenant.locationId() + ":" + invoiceId + ":overdue")).containsExactly(reminderAt);
        assertThat(jobTimes("remit-late-fees", tenant.locationId() + ":" + invoiceId)).containsExactly(firstFee);
        JsonNode invoice = invoice(tenant, invoiceId);
        assertThat(invoice.path("status").asString()).isEqualTo("sent");
        assertThat(invoice.path("dueDate").asString()).isEqualTo(day.toString());
        assertThat(invoice.path("lateFeesConfiguration")).isEqualTo(
                ApiClient.tree(ApiClient.json(TemplateBodies.lateFees(10, "fixed", 1, "day", 1, 20))));
        assertThat(invoice.path("remindersConfiguration").path("reminderSettings"))
                .isEqualTo(ApiClient.tree(ApiClient.json(reminders)).path("reminderSettings"));

        // the reminder, once
        clock.set(reminderAt.minusSeconds(1));
        awaitCleanupRanAtOrAfter(reminderAt.minusSeconds(1));
        assertThat(remindersSent(tenant, invoiceId)).isEmpty();
        clock.set(reminderAt);
        await().atMost(Duration.ofSeconds(60)).until(() -> remindersSent(tenant, invoiceId).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailbox(email).length == 2);
        assertThat(List.of(mailbox(email)).stream().map(ScheduleFollowUpClockTest::subject).toList())
                .filteredOn("Reminder"::equals).hasSize(1);

        // the late fee, once per interval, up to its cap
        clock.set(firstFee.minusSeconds(1));
        awaitCleanupRanAtOrAfter(firstFee.minusSeconds(1));
        assertThat(fees(tenant, invoiceId)).isEmpty();
        clock.set(firstFee);
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, invoiceId).size() == 1);
        // a day later on the location's calendar (across a daylight-saving change too)
        Instant secondFee = firstFee.atZone(CHICAGO).plusDays(1).toInstant();
        assertThat(jobTimes("remit-late-fees", tenant.locationId() + ":" + invoiceId)).containsExactly(secondFee);
        clock.set(secondFee.minusSeconds(1));
        awaitCleanupRanAtOrAfter(secondFee.minusSeconds(1));
        assertThat(fees(tenant, invoiceId)).hasSize(1);
        clock.set(secondFee);
        await().atMost(Duration.ofSeconds(60)).until(() -> fees(tenant, invoiceId).size() == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> jobTimes("remit-late-fees", tenant.locationId() + ":" + invoiceId)
                .isEmpty() && jobTimes("remit-reminders", tenant.locationId() + ":" + invoiceId + ":overdue").isEmpty());

        clock.set(firstFee.plus(Duration.ofDays(4)));
        awaitCleanupRanAtOrAfter(firstFee.plus(Duration.ofDays(4)));
        assertThat(fees(tenant, invoiceId)).containsExactly("10", "10");
        assertThat(remindersSent(tenant, invoiceId)).hasSize(1);
        assertThat(mailbox(email)).hasSize(2);
        JsonNode charged = invoice(tenant, invoiceId);
        assertThat(charged.path("amountDue").decimalValue()).isEqualByComparingTo("520");
        assertThat(charged.path("totalSummary").path("lateFees").decimalValue()).isEqualByComparingTo("20");
    }

    @Test
    void aSchedulesOwnRemindersComeWithEachInvoiceAndAnUpdateWithoutThemKeepsThem() {
        Tenant tenant = newTenant();
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHICAGO).plusDays(1);
        String email = "own-reminders" + NEXT.incrementAndGet() + "@customer.example";
        Map<String, Object> body = liveSchedule(tenant, day, email);
        body.put("schedule", Map.of("rrule", daily(day, 2)));
        Map<String, Object> reminders = reminders(reminder("next-day", "after", 1, 1, "invoice_sent"));
        body.put("remindersConfiguration", reminders);
        String id = scheduled(tenant, body);
        JsonNode expected = ApiClient.tree(ApiClient.json(reminders));
        assertThat(api(tenant).get("/invoices/schedule/" + id + InvoiceBodies.q(tenant)).json()
                .path("remindersConfiguration")).isEqualTo(expected);

        Map<String, Object> update = liveSchedule(tenant, day, email);
        update.put("schedule", Map.of("rrule", daily(day, 2)));
        update.put("title", "RETAINER");
        ApiResponse updated = api(tenant).put("/invoices/schedule/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("remindersConfiguration")).isEqualTo(expected);

        for (int k = 0; k < 3; k++) {
            clock.set(day.plusDays(k).atTime(9, 0).atZone(CHICAGO).toInstant());
            int generated = Math.min(k + 1, 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> invoiceIds(id).size() == generated);
            if (k > 0) {
                // the day after its due date at 9:00 AM: the previous invoice's reminder, once
                String previous = invoiceIds(id).get(k - 1);
                await().atMost(Duration.ofSeconds(60)).until(() -> remindersSent(tenant, previous).size() == 1);
            }
            if (k < 2) {
                String invoiceId = invoiceIds(id).get(k);
                JsonNode invoice = invoice(tenant, invoiceId);
                assertThat(invoice.path("title").asString()).isEqualTo("RETAINER");
                assertThat(invoice.path("remindersConfiguration").path("reminderSettings"))
                        .isEqualTo(expected.path("reminderSettings"));
                assertThat(jobTimes("remit-reminders", tenant.locationId() + ":" + invoiceId + ":next-day")).containsExactly(
                        ZonedDateTime.of(day.plusDays(k + 1), LocalTime.of(9, 0), CHICAGO).toInstant());
            }
        }
        // two invoices, two reminders
        await().atMost(Duration.ofSeconds(60)).until(() -> mailbox(email).length == 4);
        assertThat(List.of(mailbox(email)).stream().map(ScheduleFollowUpClockTest::subject).toList())
                .filteredOn("Reminder"::equals).hasSize(2);
    }

    /**
     * A live schedule (its email goes to SMTP; its text, with no Twilio configured, to the outbox) of one
     * 500.00 invoice at 09:00 on {@code day}, to a contact of its own.
     */
    private static Map<String, Object> liveSchedule(Tenant tenant, LocalDate day, String email) {
        Map<String, Object> body = ScheduleBodies.create(tenant, daily(day, 1));
        Map<String, Object> contact = InvoiceBodies.contact();
        contact.put("email", email);
        body.put("contactDetails", contact);
        body.put("liveMode", true);
        return body;
    }

    private static Map<String, Object> daily(LocalDate start, int count) {
        return new LinkedHashMap<>(Map.of("intervalType", "daily", "interval", 1, "startDate", start.toString(),
                "startTime", "09:00", "count", count));
    }

    private String scheduled(Tenant tenant, Map<String, Object> body) {
        ApiResponse created = api(tenant).post("/invoices/schedule", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        ApiResponse answer = api(tenant).post("/invoices/schedule/" + id + "/schedule", ScheduleBodies.schedule(tenant, true));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> reminder(String id, String time, int gap, int max, String condition) {
        Map<String, Object> reminder = new LinkedHashMap<>();
        reminder.put("enabled", true);
        reminder.put("emailTemplate", "default");
        reminder.put("smsTemplate", "");
        reminder.put("emailSubject", "Reminder");
        reminder.put("reminderId", id);
        reminder.put("reminderName", "Reminder " + id);
        reminder.put("reminderTime", time);
        reminder.put("intervalType", "daily");
        reminder.put("maxReminders", max);
        reminder.put("reminderInvoiceCondition", condition);
        reminder.put("reminderNumber", gap);
        return reminder;
    }

    private static Map<String, Object> reminders(Map<String, Object> reminder) {
        return Map.of("reminderSettings", Map.of("defaultEmailTemplateId", "default", "reminders", List.of(reminder)));
    }

    private List<String> invoiceIds(String scheduleId) {
        return jdbc.sql("select invoice_id from invoice_schedule_occurrence where schedule_id = ? order by occurrence")
                .param(scheduleId).query(String.class).list();
    }

    private JsonNode invoice(Tenant tenant, String id) {
        return api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json();
    }

    private List<Instant> jobTimes(String job, String instance) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(job, instance).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }

    private List<String> fees(Tenant tenant, String invoiceId) {
        return jdbc.sql("select amount from invoice_late_fee where location_id = ? and invoice_id = ? order by fee_number")
                .params(tenant.locationId(), invoiceId).query(BigDecimal.class).list().stream()
                .map(amount -> amount.stripTrailingZeros().toPlainString()).toList();
    }

    private List<Integer> remindersSent(Tenant tenant, String invoiceId) {
        return jdbc.sql("select reminder_number from invoice_reminder where location_id = ? and invoice_id = ?")
                .params(tenant.locationId(), invoiceId).query(Integer.class).list();
    }

    private static MimeMessage[] mailbox(String address) {
        return GREEN_MAIL.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** The hourly idempotency-key cleanup is due whenever the clock has moved an hour: its run shows a poll at that time. */
    private void awaitCleanupRanAtOrAfter(Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(at)).orElse(false));
    }
}
