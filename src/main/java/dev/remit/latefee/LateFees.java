package dev.remit.latefee;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;
import dev.remit.latefee.LateFeeJob.AccrueLateFees;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Late fees (docs/late-fees.md): what starts the accrual job and what changes an invoice's rule.
 * Both join the caller's transaction, so the job commits or rolls back with the change that made it due.
 */
@Service
public class LateFees {

    private final InvoiceService invoices;
    private final LateFeeAccrual accrual;
    private final JobScheduler jobs;
    private final Job<AccrueLateFees> job;
    private final java.time.Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    LateFees(InvoiceService invoices, LateFeeAccrual accrual, JobScheduler jobs, Job<AccrueLateFees> lateFeesJob,
            java.time.Clock clock, org.springframework.transaction.support.TransactionTemplate transaction) {
        this.transaction = transaction;
        this.invoices = invoices;
        this.accrual = accrual;
        this.jobs = jobs;
        this.job = lateFeesJob;
        this.clock = clock;
    }

    /**
     * An invoice was sent for the first time: its late fees accrue from now on. Call inside the send's
     * transaction. Does nothing when its late fees are off.
     */
    public void sentFirstTime(Invoice invoice) {
        schedule(invoice, now());
    }

    /**
     * Replaces the invoice's late-fees configuration (PATCH .../late-fees-configuration). Fees applied
     * stay; the new rule holds from now on for an open invoice. Paid and void invoices are not changed (422).
     */
    public Invoice configure(String locationId, String invoiceId, JsonNode configuration) {
        // the revision and the job's new schedule in one transaction
        return transaction.execute(status -> {
            Invoice revised = invoices.revise(locationId, invoiceId, invoice -> withLateFees(invoice.content(), configuration));
            schedule(revised, now());
            return revised;
        });
    }

    private void schedule(Invoice invoice, Instant notBefore) {
        if (invoice.status() != InvoiceStatus.SENT && invoice.status() != InvoiceStatus.PARTIALLY_PAID) {
            return;
        }
        JsonNode config = invoice.content().extras() == null ? null : invoice.content().extras().get("lateFeesConfiguration");
        LateFeeRule rule = LateFeeRule.from(config).orElse(null);
        String instance = invoice.locationId() + ":" + invoice.id();
        if (rule == null) {
            jobs.cancel(job, instance);
            return;
        }
        Instant next = accrual.plan(invoice, rule, accrual.zone(invoice.locationId()), notBefore, notBefore, 0).next();
        if (next == null) {
            jobs.cancel(job, instance);
            return;
        }
        jobs.schedule(job, instance, new AccrueLateFees(invoice.locationId(), invoice.id(), notBefore), next);
    }

    private static InvoiceContent withLateFees(InvoiceContent c, JsonNode configuration) {
        ObjectNode extras = c.extras() == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : c.extras().deepCopy();
        extras.set("lateFeesConfiguration", configuration);
        return new InvoiceContent(c.name(), c.title(), c.currency(), c.issueDate(), c.dueDate(), c.items(), c.discount(),
                c.termsNotes(), c.invoiceNumberPrefix(), c.liveMode(), c.automaticTaxesEnabled(), c.businessDetails(),
                c.contactDetails(), c.sentTo(), c.paymentSchedule(), c.miscellaneousCharges(), c.charges(), extras,
                c.smsPhones());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
