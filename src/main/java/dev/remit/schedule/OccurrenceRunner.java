package dev.remit.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.invoice.Invoice;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/**
 * Runs one occurrence, in one transaction with the schedule's row locked: the invoice is created and
 * sent (its messages and auto-charge queued), the occurrence recorded under its unique key, and the
 * next occurrence's job scheduled. A crash anywhere rolls all of it back and the job runs again; a
 * job that is not the one the schedule waits for (cancelled, updated, already run) does nothing.
 */
@Component
class OccurrenceRunner {

    private static final Logger log = LoggerFactory.getLogger(OccurrenceRunner.class);

    private final ScheduleRepository repository;
    private final ScheduledInvoices invoices;
    private final OccurrencePlanner planner;
    private final TenancyRepository tenancy;
    private final ScheduleTimings timings;
    private final TransactionTemplate transaction;
    private final ScheduleEvents events;
    private final Clock clock;

    OccurrenceRunner(ScheduleRepository repository, ScheduledInvoices invoices, OccurrencePlanner planner,
            TenancyRepository tenancy, ScheduleTimings timings, TransactionTemplate transaction, ScheduleEvents events,
            Clock clock) {
        this.events = events;
        this.repository = repository;
        this.invoices = invoices;
        this.planner = planner;
        this.tenancy = tenancy;
        this.timings = timings;
        this.transaction = transaction;
        this.clock = clock;
    }

    JobResult run(OccurrenceJob.RunOccurrence data, JobRun run) {
        try {
            return runOnce(data);
        } catch (ApiException refused) {
            log.warn("occurrence {} of schedule {} could not be generated: {}", data.occurrence(), data.scheduleId(),
                    refused.getMessage());
            return run.failed(refused.getMessage());
        }
    }

    /** One try, in its own transaction (what the job does, and what a second instance would do at the same time). */
    JobResult runOnce(OccurrenceJob.RunOccurrence data) {
        return transaction.execute(status -> generate(data));
    }

    private JobResult generate(OccurrenceJob.RunOccurrence data) {
        Optional<InvoiceSchedule> found = repository.lock(data.locationId(), data.scheduleId());
        if (found.isEmpty() || !found.get().awaits(data.occurrence())) {
            return new JobResult.Done();
        }
        InvoiceSchedule schedule = found.get();
        Location location = tenancy.findLocation(schedule.locationId()).orElseThrow();
        ZoneId zone = ScheduleTimings.zone(location);
        ScheduleTiming timing = timings.of(schedule, zone);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<ScheduleTiming.Occurrence> due = timing.dueAt(now, schedule.lastOccurrence(), zone);
        if (due.isEmpty() && schedule.occurrenceDue(now)) {
            // due under the timing it was planned by, which an update replaced after its time had come
            due = schedule.awaited(zone);
        }
        if (due.isEmpty()) {
            // run before its time (the clock of another instance): wait for it
            return new JobResult.RetryAt(schedule.nextRunAt());
        }
        ScheduleTiming.Occurrence occurrence = due.get();
        if (repository.occurrenceExists(schedule.id(), occurrence.key())) {
            return new JobResult.Done();
        }
        Invoice invoice = invoices.generate(location, schedule, occurrence);
        repository.insertOccurrence(schedule.locationId(), schedule.id(), occurrence.key(), invoice.id(), now);
        ScheduleStatus before = schedule.status();
        schedule.generated(occurrence, timing.after(occurrence.at(), zone), now);
        repository.update(schedule);
        planner.plan(schedule);
        events.completedIf(before, schedule, now);
        log.info("schedule {} (location {}): occurrence {} generated invoice {}", schedule.id(), schedule.locationId(),
                occurrence.key(), invoice.id());
        return new JobResult.Done();
    }

    /** An occurrence that failed for a day is skipped: the schedule moves on to the one after it. */
    void gaveUp(OccurrenceJob.RunOccurrence data, String reason) {
        log.error("schedule {} (location {}): occurrence {} skipped after a day of failures: {}", data.scheduleId(),
                data.locationId(), data.occurrence(), reason);
        transaction.executeWithoutResult(status -> {
            Optional<InvoiceSchedule> found = repository.lock(data.locationId(), data.scheduleId());
            if (found.isEmpty() || !found.get().awaits(data.occurrence())) {
                return;
            }
            InvoiceSchedule schedule = found.get();
            Location location = tenancy.findLocation(schedule.locationId()).orElseThrow();
            ZoneId zone = ScheduleTimings.zone(location);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ScheduleStatus before = schedule.status();
            schedule.skip(timings.of(schedule, zone).upcoming(now, schedule.nextOccurrence(), zone), now);
            repository.update(schedule);
            planner.plan(schedule);
            events.completedIf(before, schedule, now);
        });
    }
}
