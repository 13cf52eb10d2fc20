package dev.remit.send;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.delivery.DeliveryService;
import dev.remit.delivery.EmailMessage;
import dev.remit.delivery.EmailWriter;
import dev.remit.delivery.SmsMessage;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.invoice.ReminderLog;
import dev.remit.invoice.ReminderSent;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.send.ReminderJob.SendReminder;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/**
 * Sends a reminder that is due: in one transaction, its row in the {@link ReminderLog} and its messages
 * queued for delivery, so a run repeated after a crash, or by a second instance, sends nothing twice
 * (the log's key refuses a reminder number sent already, and the messages roll back with it). Also writes
 * the reminder's email: its own subject and message when it has them (queued with the email, filled in
 * when it is written), else the invoice's own with its subject starting {@code Reminder: }.
 */
@Component
class ReminderRun implements EmailWriter {

    static final String WRITER = "invoice-reminder";
    static final String PREFIX = "Reminder: ";
    /** How long a run waits for an auto-charge in progress to end before looking again. */
    static final Duration PROCESSING_WAIT = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ReminderRun.class);

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final ReminderLog reminders;
    private final InvoiceMessages messages;
    private final DeliveryService delivery;
    private final TenancyRepository tenancy;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    ReminderRun(InvoiceService invoices, InvoiceSettingsService settings, ReminderLog reminders, InvoiceMessages messages,
            DeliveryService delivery, TenancyRepository tenancy, TransactionTemplate transaction, java.time.Clock clock) {
        this.invoices = invoices;
        this.settings = settings;
        this.reminders = reminders;
        this.messages = messages;
        this.delivery = delivery;
        this.tenancy = tenancy;
        this.transaction = transaction;
        this.clock = clock;
    }

    JobResult run(SendReminder data, JobRun run) {
        return transaction.execute(status -> {
            Optional<Location> location = tenancy.findLocation(data.locationId());
            Optional<Invoice> found = invoices.find(data.locationId(), data.invoiceId());
            if (location.isEmpty() || found.isEmpty()) {
                return new JobResult.Done();
            }
            Invoice invoice = found.get();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (invoice.status() == InvoiceStatus.PAYMENT_PROCESSING) {
                return new JobResult.RetryAt(now.plus(PROCESSING_WAIT));
            }
            if (invoice.status() != InvoiceStatus.SENT && invoice.status() != InvoiceStatus.PARTIALLY_PAID) {
                return new JobResult.Done();
            }
            ReminderSchedule reminder = ReminderSchedule.find(Reminders.configuration(invoice, settings, location.get()),
                    Reminders.zone(tenancy, data.locationId()), data.reminderId()).orElse(null);
            if (reminder == null || !reminder.enabled()) {
                return new JobResult.Done();
            }
            LocalDate due = Reminders.dueDate(invoice);
            int first = Math.max(data.number(),
                    reminders.last(data.locationId(), data.invoiceId(), data.reminderId()).map(ReminderSent::number).orElse(0) + 1);
            Optional<Integer> sendNow = reminder.dueAt(due, first, now);
            if (sendNow.isPresent()) {
                int number = sendNow.get();
                String channels = send(invoice, location.get(), reminder);
                reminders.insert(new ReminderSent(data.locationId(), data.invoiceId(), reminder.id(), number,
                        reminder.name(), reminder.time(due, number), now, channels));
                log.info("sent reminder {} #{} of invoice {} (location {}) by {}", reminder.id(), number,
                        data.invoiceId(), data.locationId(), channels);
                first = number + 1;
            }
            return reminder.next(due, first, now).<JobResult>map(n -> new JobResult.RetryAt(reminder.time(due, n)))
                    .orElseGet(JobResult.Done::new);
        });
    }

    /** Queues the reminder's email and SMS; answers the channels used ({@code none} when the invoice has no one to send to). */
    private String send(Invoice invoice, Location location, ReminderSchedule reminder) {
        boolean sandbox = !invoice.content().liveMode();
        List<String> channels = new ArrayList<>();
        InvoiceMessages.EmailRecipients to = InvoiceMessages.emailRecipients(invoice.content());
        ReminderSchedule.Content content = reminder.content();
        if (reminder.email() && !to.isEmpty()) {
            InvoiceMessages.Sender sender = sender(location);
            delivery.enqueue(EmailMessage.pending(location.id(), invoice.id(), sandbox, sender.name(), sender.email(),
                    to.to(), to.cc(), to.bcc(), WRITER, content.ownSubject(), content.ownEmailMessage()));
            channels.add("email");
        }
        List<String> phones = InvoiceMessages.phoneRecipients(invoice.content());
        if (reminder.sms() && !phones.isEmpty()) {
            String own = content.ownSms() == null ? null : messages.smsText(content.ownSms(), invoice, location);
            for (SmsMessage sms : messages.sms(invoice, location, phones, sandbox)) {
                delivery.enqueue(new SmsMessage(sms.locationId(), sms.invoiceId(), sms.sandbox(), sms.to(),
                        own == null || own.isBlank() ? PREFIX + sms.body() : own));
            }
            channels.add("sms");
        }
        return channels.isEmpty() ? "none" : String.join(",", channels);
    }

    /** The location's sender settings, else its business name (as a send without sentFrom). */
    private InvoiceMessages.Sender sender(Location location) {
        InvoiceSettings effective = settings.effective(location);
        InvoiceSettings.SenderConfiguration configured = effective.senderConfiguration();
        String name = configured == null ? null : configured.fromName();
        if ((name == null || name.isBlank()) && effective.businessDetails() != null
                && effective.businessDetails().path("name").isString()) {
            name = effective.businessDetails().path("name").asString();
        }
        String email = configured == null ? null : configured.fromEmail();
        return new InvoiceMessages.Sender(name == null || name.isBlank() ? null : name,
                email == null || email.isBlank() ? null : email);
    }

    @Override
    public String name() {
        return WRITER;
    }

    @Override
    public EmailMessage.Content write(EmailMessage pending) {
        return messages.writeReminder(pending, PREFIX);
    }
}
