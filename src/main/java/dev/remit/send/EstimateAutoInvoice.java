package dev.remit.send;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateAccepted;
import dev.remit.estimate.EstimateRuleException;
import dev.remit.estimate.EstimateService;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.jobs.Job;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.jobs.JobScheduler;
import dev.remit.jobs.RetryPolicy;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/**
 * An accepted estimate with {@code autoInvoice.enabled} becomes an invoice, and the invoice is sent:
 * job {@value #NAME}, one instance per estimate ({@code locationId:estimateId}), scheduled inside the
 * accept's transaction (so an accept that rolls back leaves no job, and one that commits cannot lose
 * it), due at once. Its run: the estimate's invoice (made now, or the one already made:
 * {@link EstimateService#createInvoice} makes one per estimate), then, in a transaction of its own and
 * while that invoice is still a draft, its send through the invoice's own send path, by email to the estimate's email
 * recipients and by SMS to its phone numbers, in the estimate's mode. A second run (a retried accept,
 * a server that died mid-run, a second server) finds the invoice made and sent and does nothing.
 */
@Component
class EstimateAutoInvoice {

    static final String NAME = "estimate-auto-invoice";
    private static final Logger log = LoggerFactory.getLogger(EstimateAutoInvoice.class);

    /** The job's data: which accepted estimate. */
    record InvoiceAcceptedEstimate(String locationId, String estimateId) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Job<InvoiceAcceptedEstimate> estimateAutoInvoiceJob(EstimateAutoInvoice worker, Clock clock) {
            // A run fails only when the database does (or the estimate cannot become an invoice): tried again for a week.
            return Job.named(NAME, InvoiceAcceptedEstimate.class)
                    .retry(new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(30), 0.1, Duration.ofDays(7)))
                    .onExhausted(worker::giveUp)
                    .handledBy(worker::run, clock);
        }
    }

    private final EstimateService estimates;
    private final InvoiceService invoices;
    private final SendInvoiceService sender;
    private final TenancyRepository tenancy;
    private final JobScheduler jobs;
    private final org.springframework.beans.factory.ObjectProvider<Job<InvoiceAcceptedEstimate>> job;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EstimateAutoInvoice(EstimateService estimates, InvoiceService invoices, SendInvoiceService sender,
            TenancyRepository tenancy, JobScheduler jobs,
            org.springframework.beans.factory.ObjectProvider<Job<InvoiceAcceptedEstimate>> job,
            TransactionTemplate transaction, Clock clock) {
        this.estimates = estimates;
        this.invoices = invoices;
        this.sender = sender;
        this.tenancy = tenancy;
        this.jobs = jobs;
        this.job = job;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** In the accept's transaction, on its connection: the job commits with the acceptance or not at all. */
    @EventListener
    public void on(EstimateAccepted accepted) {
        if (accepted.autoInvoice() == null || !accepted.autoInvoice().enabled()) {
            return;
        }
        jobs.schedule(job.getObject(), accepted.locationId() + ":" + accepted.estimateId(),
                new InvoiceAcceptedEstimate(accepted.locationId(), accepted.estimateId()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    JobResult run(InvoiceAcceptedEstimate data, JobRun run) {
        Location location = tenancy.findLocation(data.locationId()).orElse(null);
        Estimate estimate = location == null ? null : estimates.find(location.id(), data.estimateId()).orElse(null);
        if (estimate == null || !estimate.autoInvoice().enabled() || estimate.acceptedAt() == null) {
            return new JobResult.Done();
        }
        String invoiceId;
        try {
            // a transaction of its own; made once per estimate, whoever asks and however often
            invoiceId = estimates.createInvoice(location.id(), estimate.id(), true).invoice().id();
        } catch (EstimateRuleException refused) {
            return run.failed(refused.getMessage());
        }
        // sent while it is a draft: a second send of the same draft loses on the invoice's version and rolls back
        return transaction.execute(status -> {
            Invoice invoice = invoices.load(location.id(), invoiceId);
            if (invoice.status() != InvoiceStatus.DRAFT) {
                return new JobResult.Done();
            }
            SendInvoiceService.Action action = action(invoice);
            if (action == null) {
                log.info("estimate {} of location {} became invoice {}, which has no email address or phone number to "
                        + "send it to: left as a draft", estimate.id(), location.id(), invoice.id());
                return new JobResult.Done();
            }
            sender.sendNow(location, invoice.id(),
                    new SendInvoiceService.Command(action, invoice.content().liveMode(), null, null, null));
            return new JobResult.Done();
        });
    }

    /** Every channel the invoice has someone to send to. */
    private static SendInvoiceService.Action action(Invoice invoice) {
        boolean email = !InvoiceMessages.emailRecipients(invoice.content()).isEmpty();
        boolean sms = !InvoiceMessages.phoneRecipients(invoice.content()).isEmpty();
        return email && sms ? SendInvoiceService.Action.SMS_AND_EMAIL
                : email ? SendInvoiceService.Action.EMAIL : sms ? SendInvoiceService.Action.SMS : null;
    }

    void giveUp(InvoiceAcceptedEstimate data, String reason) {
        log.error("estimate {} of location {} was accepted but could not be invoiced: {}", data.estimateId(),
                data.locationId(), reason);
    }
}
