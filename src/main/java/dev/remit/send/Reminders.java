package dev.remit.send;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.invoice.ReminderLog;
import dev.remit.invoice.ReminderSent;
import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;
import dev.remit.send.ReminderJob.SendReminder;
import dev.remit.tenancy.TenancyRepository;

/**
 * Starts an invoice's reminders (docs/reminders.md) when it is sent, in the send's transaction: one job
 * per enabled reminder, due at its next reminder from now on. A reminder whose time passed before the
 * send is not sent.
 */
@Service
class Reminders {

    private final ReminderLog log;
    private final JobScheduler jobs;
    private final Job<SendReminder> job;
    private final TenancyRepository tenancy;
    private final InvoiceSettingsService settings;
    private final java.time.Clock clock;

    Reminders(ReminderLog log, JobScheduler jobs, Job<SendReminder> remindersJob, TenancyRepository tenancy,
            InvoiceSettingsService settings, java.time.Clock clock) {
        this.settings = settings;
        this.log = log;
        this.jobs = jobs;
        this.job = remindersJob;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** The invoice was sent (first time or again): its reminders are scheduled from its configuration now. */
    void sent(Invoice invoice) {
        if (invoice.status() != InvoiceStatus.SENT && invoice.status() != InvoiceStatus.PARTIALLY_PAID) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var location = tenancy.findLocation(invoice.locationId()).orElse(null);
        if (location == null) {
            return;
        }
        LocalDate due = dueDate(invoice);
        for (ReminderSchedule reminder : ReminderSchedule.of(configuration(invoice, settings, location),
                zone(tenancy, invoice.locationId()))) {
            String instance = instance(invoice, reminder.id());
            int first = log.last(invoice.locationId(), invoice.id(), reminder.id()).map(ReminderSent::number).orElse(0) + 1;
            var next = reminder.enabled() ? reminder.next(due, first, now) : java.util.Optional.<Integer>empty();
            if (next.isEmpty()) {
                jobs.cancel(job, instance);
                continue;
            }
            jobs.schedule(job, instance, new SendReminder(invoice.locationId(), invoice.id(), reminder.id(), next.get()),
                    reminder.time(due, next.get()));
        }
    }

    static String instance(Invoice invoice, String reminderId) {
        return invoice.locationId() + ":" + invoice.id() + ":" + reminderId;
    }

    /** The invoice's own remindersConfiguration, else the location's reminderSettings (get-invoice-settings). */
    static tools.jackson.databind.JsonNode configuration(Invoice invoice, InvoiceSettingsService settings,
            dev.remit.tenancy.Location location) {
        tools.jackson.databind.JsonNode own = invoice.content().extras() == null ? null
                : invoice.content().extras().get("remindersConfiguration");
        if (own != null && !own.isNull()) {
            return own;
        }
        tools.jackson.databind.JsonNode shared = settings.effective(location).reminderSettings();
        if (shared == null || shared.isNull()) {
            return null;
        }
        tools.jackson.databind.node.ObjectNode wrapped = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        wrapped.set("reminderSettings", shared);
        return wrapped;
    }

    static LocalDate dueDate(Invoice invoice) {
        return invoice.content().dueDate() == null ? invoice.content().issueDate() : invoice.content().dueDate();
    }

    /** The location's time zone (UTC when it names none remit knows). */
    static ZoneId zone(TenancyRepository tenancy, String locationId) {
        return tenancy.findLocation(locationId).map(location -> {
            try {
                return ZoneId.of(location.timeZone());
            } catch (RuntimeException unknown) {
                return ZoneId.of("UTC");
            }
        }).orElse(ZoneId.of("UTC"));
    }
}
