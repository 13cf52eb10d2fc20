package dev.remit.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;
import dev.remit.tenancy.TenancyRepository;
import tools.jackson.databind.JsonNode;

/**
 * Auto-payment's public side: the send's warning when an {@code autoPayment} cannot be charged as
 * things stand ({@link #chargeWarnings}), and the due-date charge, which {@link AutoPaymentOnSend} schedules or calls
 * off when it hears {@code InvoiceSent}; the event publication registry makes that as durable as the send.
 */
@Service
public class AutoPayments {

    private static final Logger log = LoggerFactory.getLogger(AutoPayments.class);

    private final JobScheduler jobs;
    private final Job<AutoPaymentTask.ChargeInvoice> job;
    private final InvoicePayments invoices;
    private final TenancyRepository tenancy;
    private final StripeAccounts accounts;
    private final java.time.Clock clock;

    AutoPayments(JobScheduler jobs, Job<AutoPaymentTask.ChargeInvoice> autoPaymentCharge, InvoicePayments invoices,
            TenancyRepository tenancy, StripeAccounts accounts, java.time.Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        this.jobs = jobs;
        this.job = autoPaymentCharge;
        this.invoices = invoices;
        this.tenancy = tenancy;
    }

    /**
     * What is missing from an enabled {@code autoPayment} for it to name something to charge, as 422
     * messages ({@link dev.remit.invoice.AutoPayment#problems}); empty when complete, or not enabled.
     */
    public List<String> incomplete(JsonNode autoPayment) {
        dev.remit.invoice.AutoPayment typed = dev.remit.invoice.AutoPayment.of(autoPayment);
        return typed == null ? List.of() : typed.problems();
    }

    /**
     * Why an enabled {@code autoPayment} cannot be charged at this location as things stand (Stripe not
     * connected for the mode, or its keys unreadable): the business's problem, not the caller's, so
     * send accepts it, answers this as a warning and the charge tells the business if it still fails.
     */
    public List<String> chargeWarnings(String locationId, boolean liveMode, JsonNode autoPayment) {
        if (!enabled(autoPayment)) {
            return List.of();
        }
        String mode = liveMode ? "live" : "test";
        try {
            if (accounts.find(locationId).map(account -> account.secretKey(liveMode)).isPresent()) {
                return List.of();
            }
        } catch (IllegalStateException unreadable) {
            return List.of("autoPayment: this location's Stripe keys cannot be read, so the invoice cannot be charged "
                    + "automatically until they are stored again (docs/payments.md)");
        }
        return List.of("autoPayment: Stripe is not connected for " + mode + " mode at this location, so the invoice "
                + "will not be charged automatically unless it is connected before the due date (docs/payments.md)");
    }

    private static boolean enabled(JsonNode autoPayment) {
        return autoPayment != null && autoPayment.path("enable").asBoolean(false);
    }

    /**
     * Schedules (or moves) the invoice's auto-charge: at the start of its due date in the location's
     * time zone, or at once when that has passed or there is no due date. Does nothing when the
     * invoice has no enabled autoPayment. Joins the caller's transaction ({@link JobScheduler}).
     *
     * @return when the charge will run, or null when none was scheduled
     */
    public Instant scheduleAutoPayment(String locationId, String invoiceId) {
        PayableInvoice invoice = invoices.find(locationId, invoiceId).orElse(null);
        if (invoice == null || invoice.autoPayment() == null) {
            return null;
        }
        Instant when = chargeTime(invoice.dueDate(), zone(locationId));
        if (!jobs.schedule(job, instanceId(locationId, invoiceId), new AutoPaymentTask.ChargeInvoice(locationId, invoiceId),
                when)) {
            log.debug("auto-payment of {} is running; left as it is", invoiceId);
        }
        log.info("auto-payment of invoice {} (location {}) scheduled for {}", invoiceId, locationId, when);
        return when;
    }

    /** Cancels a scheduled auto-charge (it would also stop by itself once auto-payment is off). */
    public void cancelAutoPayment(String locationId, String invoiceId) {
        jobs.cancel(job, instanceId(locationId, invoiceId));
    }

    static String instanceId(String locationId, String invoiceId) {
        return locationId + ":" + invoiceId;
    }

    Instant chargeTime(LocalDate dueDate, ZoneId zone) {
        Instant now = clock.instant();
        if (dueDate == null) {
            return now;
        }
        Instant due = dueDate.atStartOfDay(zone).toInstant();
        return due.isBefore(now) ? now : due;
    }

    private ZoneId zone(String locationId) {
        return tenancy.findLocation(locationId).map(l -> {
            try {
                return ZoneId.of(l.timeZone());
            } catch (RuntimeException bad) {
                return ZoneId.of("UTC");
            }
        }).orElse(ZoneId.of("UTC"));
    }
}
