package dev.remit.send;

import static dev.remit.support.GreenMailStub.GREEN_MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.remit.jobs.JobResult;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.GreenMailStub;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * Reminders by the server's clock (docs/reminders.md): before and after the due date at the reminder's
 * wall-clock time in the location's zone, across a daylight-saving change; each number once; stopped by
 * payment, void and maxReminders; delivered by SMTP (GreenMail) with the invoice's link.
 */
@ClockServerTest
@Import(GreenMailStub.class)
@TestPropertySource(properties = "remit.mail.from-address=invoices@remit.example")
class ReminderClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    MutableClock clock;

    @Autowired
    dev.remit.invoice.InvoiceService invoices;

    @Autowired
    ReminderRun runs;

    @Autowired
    dev.remit.page.InvoiceViews views;

    @Autowired
    dev.remit.tenancy.TenancyRepository tenancy;

    @Test
    void beforeAndAfterTheDueDateAtNineLocalAcrossADaylightSavingChangeEachOnceByEmail() throws Exception {
        Tenant tenant = newTenant();
        // the next daylight-saving change in Chicago at least five days ahead of the clock
        ZoneOffsetTransition change = CHICAGO.getRules().nextTransition(clock.instant().plus(Duration.ofDays(5)));
        LocalDate changeDay = LocalDate.ofInstant(change.getInstant(), CHICAGO);
        clock.set(changeDay.minusDays(4).atStartOfDay(CHICAGO).toInstant());
        LocalDate due = changeDay.plusDays(1);
        String email = "reminded" + NEXT.incrementAndGet() + "@customer.example";
        Map<String, Object> before = reminder("r-before", "before", "daily", 1, 3, "invoice_sent");
        Map<String, Object> after = reminder("r-after", "after", "daily", 1, 2, "invoice_overdue");
        after.put("startTime", "4:30 PM");
        Map<String, Object> configuration = configuration(before, after);
        String id = sent(tenant, due.minusDays(10), due, email, configuration, true);

        List<Instant> times = new ArrayList<>();
        for (LocalDate day : List.of(due.minusDays(3), due.minusDays(2), due.minusDays(1))) {
            times.add(ZonedDateTime.of(day, LocalTime.of(9, 0), CHICAGO).toInstant());
        }
        for (LocalDate day : List.of(due.plusDays(1), due.plusDays(2))) {
            times.add(ZonedDateTime.of(day, LocalTime.of(16, 30), CHICAGO).toInstant());
        }
        // the change falls between the second and the third: one day apart on the wall clock, not 24 hours
        assertThat(Duration.between(times.get(1), times.get(2))).isNotEqualTo(Duration.ofDays(1))
                .isEqualTo(Duration.ofDays(1).minus(change.getDuration()));
        assertThat(scheduledAt(tenant, id, "r-before")).containsExactly(times.get(0));
        assertThat(scheduledAt(tenant, id, "r-after")).containsExactly(times.get(3));

        for (int i = 0; i < times.size(); i++) {
            clock.set(times.get(i).minusSeconds(1));
            awaitSchedulerPolledAtOrAfter(times.get(i).minusSeconds(1));
            assertThat(sentRows(tenant, id)).hasSize(i);
            clock.set(times.get(i));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == expected);
            await().atMost(Duration.ofSeconds(60)).until(() -> mailbox(email).length == expected);
        }
        assertThat(sentRows(tenant, id)).containsExactly("r-before#1", "r-before#2", "r-before#3", "r-after#1", "r-after#2");
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "r-before").isEmpty()
                && scheduledAt(tenant, id, "r-after").isEmpty());

        String token = invoices.load(tenant.locationId(), id).publicToken();
        MimeMessage mail = mailbox(email)[0];
        // emailSubject "Reminder", as the spec's example has it
        assertThat(mail.getSubject()).isEqualTo("Reminder");
        assertThat(GreenMailUtilBody.of(mail)).contains("/i/" + token);

        JsonNode invoice = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json();
        JsonNode reminders = invoice.path("remindersConfiguration");
        assertThat(reminders.path("reminderSettings")).isEqualTo(ApiClient.tree(ApiClient.json(configuration))
                .path("reminderSettings"));
        JsonNode executions = reminders.path("reminderExecutionDetailsList").path("executions");
        assertThat(executions).hasSize(5);
        assertThat(Instant.parse(executions.get(2).path("dueAt").asString())).isEqualTo(times.get(2));
        assertThat(executions.get(2).path("reminderNumber").asInt()).isEqualTo(3);
        assertThat(executions.get(2).path("channels").get(0).asString()).isEqualTo("email");

        // past maxReminders nothing more goes out
        clock.set(times.get(4).plus(Duration.ofDays(3)));
        assertThat(runs.run(new ReminderJob.SendReminder(tenant.locationId(), id, "r-after", 1), null))
                .isInstanceOf(JobResult.Done.class);
        assertThat(sentRows(tenant, id)).hasSize(5);
    }

    @Test
    void aPaymentStopsThemAndARunRepeatedSendsNothingTwice() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String email = "paid" + NEXT.incrementAndGet() + "@customer.example";
        String id = sent(tenant, today, today, email,
                configuration(reminder("daily", "after", "daily", 1, 5, "invoice_sent")), false);
        Instant first = ZonedDateTime.of(today.plusDays(1), LocalTime.of(9, 0), CHICAGO).toInstant();
        clock.set(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == 1);
        // a second run for the same number (a retry after a crash, another instance) sends nothing
        JobResult again = runs.run(new ReminderJob.SendReminder(tenant.locationId(), id, "daily", 1), null);
        Instant second = ZonedDateTime.of(today.plusDays(2), LocalTime.of(9, 0), CHICAGO).toInstant();
        assertThat(again).isEqualTo(new JobResult.RetryAt(second));
        assertThat(sentRows(tenant, id)).hasSize(1);
        // liveMode false: the sandbox outbox, not SMTP
        assertThat(mailbox(email)).isEmpty();

        ApiResponse paid = api(tenant).post("/invoices/" + id + "/record-payment", InvoiceBodies.payment(tenant, null));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        clock.set(second);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "daily").isEmpty());
        assertThat(sentRows(tenant, id)).hasSize(1);
    }

    @Test
    void aVoidStopsThemAndMissedRemindersAreNotSentInABurst() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today.plusDays(1), "void" + NEXT.incrementAndGet() + "@customer.example",
                configuration(reminder("hourly", "after", "hourly", 2, 10, "invoice_sent")), false);
        Instant anchor = ZonedDateTime.of(today.plusDays(1), LocalTime.of(9, 0), CHICAGO).toInstant();
        // down through the first three: the third goes out once, late, and the count goes on from there
        clock.set(anchor.plus(Duration.ofHours(7)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == 1);
        assertThat(sentRows(tenant, id)).containsExactly("hourly#3");
        assertThat(scheduledAt(tenant, id, "hourly")).containsExactly(anchor.plus(Duration.ofHours(8)));

        ApiResponse voided = api(tenant).post("/invoices/" + id + "/void", InvoiceBodies.alt(tenant));
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        clock.set(anchor.plus(Duration.ofHours(8)));
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "hourly").isEmpty());
        assertThat(sentRows(tenant, id)).hasSize(1);
    }

    @Test
    void aTemplatesRemindersComeWithTheInvoiceAndBadOnesAre422() {
        Tenant tenant = newTenant();
        Map<String, Object> configuration = configuration(reminder("t1", "before", "weekly", 1, 2, "invoice_sent"));
        Map<String, Object> template = TemplateBodies.create(tenant);
        template.put("remindersConfiguration", configuration);
        ApiResponse created = api(tenant).post("/invoices/template", template);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String templateId = created.json().path("_id").asString();
        JsonNode stored = api(tenant).get("/invoices/template/" + templateId + InvoiceBodies.q(tenant)).json();
        JsonNode expected = ApiClient.tree(ApiClient.json(configuration));
        assertThat(stored.path("remindersConfiguration")).isEqualTo(expected);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("templateId", templateId);
        body.put("contactDetails", InvoiceBodies.contact());
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", "2026-02-10");
        body.put("sentTo", Map.of("email", List.of("alex@example.com")));
        body.put("liveMode", false);
        ApiResponse invoice = api(tenant).post("/invoices/", body);
        assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
        JsonNode got = api(tenant).get("/invoices/" + invoice.json().path("_id").asString() + InvoiceBodies.q(tenant)).json();
        assertThat(got.path("remindersConfiguration").path("reminderSettings")).isEqualTo(expected.path("reminderSettings"));
        assertThat(got.path("remindersConfiguration").path("reminderExecutionDetailsList").path("executions")).isEmpty();

        Map<String, Object> bad = reminder("dup", "soon", "fortnightly", 1.5, 0, "invoice_overdue");
        Map<String, Object> overdueBefore = reminder("dup", "before", "daily", 1, 1, "invoice_overdue");
        overdueBefore.put("startTime", "25:00");
        overdueBefore.put("timezone", "Mars/Olympus");
        Map<String, Object> invalid = InvoiceBodies.create(tenant);
        invalid.put("remindersConfiguration", configuration(bad, overdueBefore));
        ApiResponse refused = api(tenant).post("/invoices/", invalid);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("message").toString()).contains(
                "remindersConfiguration.reminderSettings.reminders.0.reminderTime must be one of the following values: before, after",
                "reminders.0.intervalType must be one of the following values: yearly, monthly, weekly, daily, hourly, minutely, secondly",
                "reminders.0.reminderNumber must be an integer number",
                "reminders.0.maxReminders must not be less than 1",
                "reminders.1.reminderId must be unique within reminders",
                "reminders.1.reminderInvoiceCondition invoice_overdue needs reminderTime after",
                "reminders.1.startTime must be a time such as 9:00 AM",
                "reminders.1.timezone must be businessTZ or an IANA time zone");
    }

    @Test
    void theLocationsReminderSettingsApplyToAnInvoiceWithoutItsOwn() {
        Tenant tenant = newTenant();
        Map<String, Object> configuration = configuration(reminder("loc", "after", "daily", 2, 1, "invoice_overdue"));
        Map<String, Object> put = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        put.putAll(configuration);
        ApiResponse saved = api(tenant).extension().put("/invoices/settings", put);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode expected = ApiClient.tree(ApiClient.json(configuration)).path("reminderSettings");
        JsonNode settings = api(tenant).get("/invoices/settings" + InvoiceBodies.q(tenant)).json();
        assertThat(settings.path("reminderSettings")).isEqualTo(expected);
        Map<String, Object> bad = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        bad.putAll(configuration(reminder("x", "later", "daily", 1, 1, "invoice_sent")));
        ApiResponse refused = api(tenant).extension().put("/invoices/settings", bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("message").toString()).contains("reminderSettings.reminders.0.reminderTime must be one of");

        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String id = sent(tenant, today, today, "settings" + NEXT.incrementAndGet() + "@customer.example", null, false);
        Instant at = ZonedDateTime.of(today.plusDays(2), LocalTime.of(9, 0), CHICAGO).toInstant();
        assertThat(scheduledAt(tenant, id, "loc")).containsExactly(at);
        clock.set(at);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == 1);
        JsonNode invoice = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json();
        assertThat(invoice.path("remindersConfiguration").path("reminderSettings")).isEqualTo(expected);
        assertThat(invoice.path("remindersConfiguration").path("reminderExecutionDetailsList").path("executions"))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "loc").isEmpty());
    }

    @Test
    void aRemindersOwnSubjectAndMessageAreFilledInAndSentAsPlainText() throws Exception {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        String email = "own" + NEXT.incrementAndGet() + "@customer.example";
        Map<String, Object> own = reminder("own", "after", "daily", 1, 1, "invoice_sent");
        own.put("emailSubject", "Invoice {{invoice.number}} for {{ invoice.amount_due }} was due {{invoice.due_date}}\r\nBcc: x@evil.example");
        own.put("emailTemplate", "Hi {{contact.first_name}},\n<b>{{invoice.amount_due}}</b> is still open at {{invoice.url}}. {{invoice.unknown}}");
        own.put("smsTemplate", "{{location.name}}: invoice {{invoice.number}}, {{invoice.amount_due}}, was due {{invoice.due_date}}. Pay: {{invoice.url}}");
        Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
        contact.put("name", "Zoë <i>Smith</i>");
        String id = sent(tenant, today, today, email, configuration(own), true, contact);
        clock.set(ZonedDateTime.of(today.plusDays(1), LocalTime.of(9, 0), CHICAGO).toInstant());
        await().atMost(Duration.ofSeconds(60)).until(() -> mailbox(email).length == 1);

        var location = tenancy.findLocation(tenant.locationId()).orElseThrow();
        dev.remit.page.InvoiceView view = views.of(invoices.load(tenant.locationId(), id), location);
        MimeMessage mail = mailbox(email)[0];
        // one line: a line break in the subject cannot add a header
        assertThat(mail.getSubject()).isEqualTo("Invoice " + view.number() + " for " + view.amountDue() + " was due "
                + view.dueDate() + " Bcc: x@evil.example");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(view.publicUrl()).contains("/i/");
        String text = GreenMailUtilBody.of(mail).replace("\r\n", "\n");
        assertThat(text).startsWith("Hi Zoë,\n<b>" + view.amountDue() + "</b> is still open at " + view.publicUrl()
                + ". {{invoice.unknown}}").doesNotContain("Hello ").contains("Amount due:");
        String html = GreenMailUtilBody.html(mail).replace("\r\n", "\n");
        assertThat(html).contains("Hi Zoë,\n&lt;b&gt;" + view.amountDue() + "&lt;/b&gt; is still open at " + view.publicUrl())
                .doesNotContain("<b>").doesNotContain("<i>Smith").contains("<title>Invoice " + view.number());
        // the PDF is still attached
        assertThat(((jakarta.mail.Multipart) mail.getContent()).getCount()).isEqualTo(2);

        String sms = jdbc.sql("select payload from delivery where invoice_id = ? and channel = 'sms'").param(id)
                .query(String.class).single();
        assertThat(ApiClient.tree(sms).path("body").asString()).isEqualTo("Acme Plumbing: invoice " + view.number() + ", "
                + view.amountDue() + ", was due " + view.dueDate() + ". Pay: " + view.publicUrl());
        assertThat(sentRows(tenant, id)).containsExactly("own#1");
    }

    @Test
    void outsideBusinessHoursAReminderWaitsForTheirNextStartAndThoseWaitingGoOutAsOne() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHICAGO);
        LocalDate due = today.plusDays(1);
        Map<String, Object> hours = reminder("hours", "after", "hourly", 4, 4, "invoice_sent");
        hours.put("startTime", "9:00 AM");
        hours.put("endTime", "5:00 PM");
        String id = sent(tenant, today, due, "hours" + NEXT.incrementAndGet() + "@customer.example", configuration(hours),
                false);
        // 1:00 PM is within business hours; 5:00 PM, 9:00 PM and 1:00 AM are not, and all wait for 9:00 AM
        Instant first = ZonedDateTime.of(due, LocalTime.of(13, 0), CHICAGO).toInstant();
        Instant nextMorning = ZonedDateTime.of(due.plusDays(1), LocalTime.of(9, 0), CHICAGO).toInstant();
        assertThat(scheduledAt(tenant, id, "hours")).containsExactly(first);
        clock.set(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "hours").equals(List.of(nextMorning)));
        clock.set(nextMorning.minusSeconds(1));
        awaitSchedulerPolledAtOrAfter(nextMorning.minusSeconds(1));
        assertThat(sentRows(tenant, id)).hasSize(1);
        clock.set(nextMorning);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentRows(tenant, id).size() == 2);
        assertThat(sentRows(tenant, id)).containsExactly("hours#1", "hours#4");
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduledAt(tenant, id, "hours").isEmpty());
    }

    static Map<String, Object> reminder(String id, String time, String interval, Object gap, Object max, String condition) {
        Map<String, Object> reminder = new LinkedHashMap<>();
        reminder.put("enabled", true);
        reminder.put("emailTemplate", "default");
        reminder.put("smsTemplate", "");
        reminder.put("emailSubject", "Reminder");
        reminder.put("reminderId", id);
        reminder.put("reminderName", "Reminder " + id);
        reminder.put("reminderTime", time);
        reminder.put("intervalType", interval);
        reminder.put("maxReminders", max);
        reminder.put("reminderInvoiceCondition", condition);
        reminder.put("reminderNumber", gap);
        return reminder;
    }

    @SafeVarargs
    static Map<String, Object> configuration(Map<String, Object>... reminders) {
        return Map.of("reminderSettings", Map.of("defaultEmailTemplateId", "default", "reminders", List.of(reminders)));
    }

    private String sent(Tenant tenant, LocalDate issue, LocalDate due, String email, Map<String, Object> reminders,
            boolean liveMode) {
        return sent(tenant, issue, due, email, reminders, liveMode, InvoiceBodies.contact());
    }

    private String sent(Tenant tenant, LocalDate issue, LocalDate due, String email, Map<String, Object> reminders,
            boolean liveMode, Map<String, Object> contact) {
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Work", 100, 1)));
        body.put("issueDate", issue.toString());
        body.put("dueDate", due.toString());
        contact.put("email", email);
        body.put("contactDetails", contact);
        body.put("sentTo", Map.of("email", List.of(email)));
        if (reminders != null) {
            body.put("remindersConfiguration", reminders);
        }
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("altId", tenant.locationId());
        send.put("altType", "location");
        send.put("userId", tenant.userId());
        send.put("action", "send_manually");
        send.put("liveMode", liveMode);
        send.put("sentFrom", Map.of("fromName", "Acme", "fromEmail", "billing@acme.example"));
        ApiResponse sent = api(tenant).post("/invoices/" + id + "/send", send);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return id;
    }

    private List<Instant> scheduledAt(Tenant tenant, String id, String reminderId) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(ReminderJob.NAME, tenant.locationId() + ":" + id + ":" + reminderId).query(Timestamp.class).list()
                .stream().map(Timestamp::toInstant).toList();
    }

    private List<String> sentRows(Tenant tenant, String id) {
        return jdbc.sql("""
                select reminder_id, reminder_number from invoice_reminder where location_id = ? and invoice_id = ?
                order by due_at""").params(tenant.locationId(), id)
                .query((rs, row) -> rs.getString(1) + "#" + rs.getInt(2)).list();
    }

    static MimeMessage[] mailbox(String address) {
        return GREEN_MAIL.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    /** The plain text of a received invoice email (multipart/mixed: the alternative's text, the PDF). */
    static final class GreenMailUtilBody {
        static String of(MimeMessage message) throws Exception {
            jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) message.getContent();
            jakarta.mail.Multipart alternative = (jakarta.mail.Multipart) mixed.getBodyPart(0).getContent();
            return (String) alternative.getBodyPart(0).getContent();
        }

        static String html(MimeMessage message) throws Exception {
            jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) message.getContent();
            jakarta.mail.Multipart alternative = (jakarta.mail.Multipart) mixed.getBodyPart(0).getContent();
            return (String) alternative.getBodyPart(1).getContent();
        }
    }

    private void awaitSchedulerPolledAtOrAfter(Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(Timestamp.class).optional().map(t -> !t.toInstant().isBefore(at)).orElse(false));
    }
}
