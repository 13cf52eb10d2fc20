package dev.remit.latefee;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.invoice.LateFee;
import dev.remit.invoice.LateFeeLedger;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.latefee.LateFeeJob.AccrueLateFees;
import dev.remit.tenancy.TenancyRepository;

/**
 * Applies the late fees that are due, in one transaction with the invoice: the fees are worked out
 * from what the ledger already holds, so a run repeated after a crash, or by a second instance,
 * applies nothing twice (and the ledger's key refuses a fee number used already).
 */
@Component
class LateFeeAccrual {

    private static final Logger log = LoggerFactory.getLogger(LateFeeAccrual.class);
    /** Fees applied by one run at most; a longer catch-up continues in the next run at once. */
    static final int FEES_PER_RUN = 100;
    /** How long a run waits for an auto-charge in progress to end before looking again. */
    static final Duration PROCESSING_WAIT = Duration.ofMinutes(1);

    private final InvoiceService invoices;
    private final LateFeeLedger ledger;
    private final TenancyRepository tenancy;
    private final java.time.Clock clock;

    LateFeeAccrual(InvoiceService invoices, LateFeeLedger ledger, TenancyRepository tenancy, java.time.Clock clock) {
        this.invoices = invoices;
        this.ledger = ledger;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    JobResult run(AccrueLateFees data, JobRun run) {
        if (invoices.find(data.locationId(), data.invoiceId()).isEmpty()) {
            return new JobResult.Done();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ZoneId zone = zone(data.locationId());
        Outcome outcome = invoices.chargeLateFees(data.locationId(), data.invoiceId(), (invoice, charge) -> {
            if (invoice.status() == InvoiceStatus.PAYMENT_PROCESSING) {
                return new Outcome(0, now.plus(PROCESSING_WAIT));
            }
            if (invoice.status() != InvoiceStatus.SENT && invoice.status() != InvoiceStatus.PARTIALLY_PAID) {
                return new Outcome(0, null);
            }
            var config = invoice.content().extras() == null ? null : invoice.content().extras().get("lateFeesConfiguration");
            LateFeeRule rule = LateFeeRule.from(config).orElse(null);
            if (rule == null) {
                return new Outcome(0, null);
            }
            LateFeePolicy.Plan plan = plan(invoice, rule, zone, data.notBefore(), now, FEES_PER_RUN);
            for (LateFeePolicy.Fee fee : plan.fees()) {
                charge.accept(fee.amount());
                ledger.insert(new LateFee(invoice.locationId(), invoice.id(), fee.sequence(), fee.amount(),
                        invoice.content().currency(), fee.dueAt(), now, config));
            }
            return new Outcome(plan.fees().size(), plan.next());
        });
        if (outcome.applied() > 0) {
            log.info("applied {} late fee(s) to invoice {} (location {}); next {}", outcome.applied(), data.invoiceId(),
                    data.locationId(), outcome.next());
        }
        return outcome.next() == null ? new JobResult.Done() : new JobResult.RetryAt(outcome.next());
    }

    private record Outcome(int applied, Instant next) {
    }

    /** The plan for this invoice now: its due date (or issue date), the fees in the ledger, its amount due. */
    LateFeePolicy.Plan plan(Invoice invoice, LateFeeRule rule, ZoneId zone, Instant notBefore, Instant now, int limit) {
        List<LateFee> applied = ledger.list(invoice.locationId(), invoice.id());
        java.math.BigDecimal sum = applied.stream().map(LateFee::amount).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add);
        LateFeePolicy.Applied so = new LateFeePolicy.Applied(applied.size(), sum,
                applied.isEmpty() ? null : applied.get(applied.size() - 1).dueAt());
        var due = invoice.content().dueDate() == null ? invoice.content().issueDate() : invoice.content().dueDate();
        return LateFeePolicy.plan(rule, due, zone, notBefore, so, invoice.amountDue(), invoice.currency(), now, limit);
    }

    ZoneId zone(String locationId) {
        return tenancy.findLocation(locationId).map(location -> {
            try {
                return ZoneId.of(location.timeZone());
            } catch (RuntimeException unknown) {
                return ZoneId.of("UTC");
            }
        }).orElse(ZoneId.of("UTC"));
    }
}
