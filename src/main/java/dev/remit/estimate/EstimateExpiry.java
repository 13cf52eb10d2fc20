package dev.remit.estimate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.jobs.JobScheduler;
import dev.remit.jobs.RetryPolicy;

/**
 * An estimate expires by itself: it can be accepted through the whole of its {@code expiryDate} in the
 * location's time zone and expires when that day ends there ({@link EstimateService#expiresAt}). Job
 * {@value #NAME}, one instance per estimate ({@code locationId:estimateId}), is scheduled for that moment
 * in the transaction that created, updated or sent the estimate (synchronous listeners on their events),
 * moved when the expiry date changes, and called off when the estimate is answered or deleted. Its run
 * records the expiry through {@link EstimateService#expire}, which does nothing to an estimate that was
 * answered meanwhile; a run that finds the moment moved later waits for it.
 */
@Component
class EstimateExpiry {

    static final String NAME = "estimate-expiry";

    /** The job's data: which estimate. */
    record ExpireEstimate(String locationId, String estimateId) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Job<ExpireEstimate> estimateExpiryJob(EstimateExpiry worker, Clock clock) {
            // A run fails only when the database does: tried again until it works.
            return Job.named(NAME, ExpireEstimate.class)
                    .retry(new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 0.1, Duration.ofDays(365)))
                    .handledBy(worker::run, clock);
        }
    }

    private final EstimateService estimates;
    private final JobScheduler jobs;
    private final org.springframework.beans.factory.ObjectProvider<Job<ExpireEstimate>> job;
    private final Clock clock;

    EstimateExpiry(EstimateService estimates, JobScheduler jobs,
            org.springframework.beans.factory.ObjectProvider<Job<ExpireEstimate>> job, Clock clock) {
        this.estimates = estimates;
        this.jobs = jobs;
        this.job = job;
        this.clock = clock;
    }

    @EventListener
    public void on(EstimateCreated created) {
        plan(created.locationId(), created.estimateId());
    }

    @EventListener
    public void on(EstimateUpdated updated) {
        plan(updated.locationId(), updated.estimateId());
    }

    @EventListener
    public void on(EstimateSent sent) {
        plan(sent.locationId(), sent.estimateId());
    }

    @EventListener
    public void on(EstimateAccepted accepted) {
        cancel(accepted.locationId(), accepted.estimateId());
    }

    @EventListener
    public void on(EstimateDeclined declined) {
        cancel(declined.locationId(), declined.estimateId());
    }

    @EventListener
    public void on(EstimateDeleted deleted) {
        cancel(deleted.locationId(), deleted.estimateId());
    }

    /** Schedules (or moves, or calls off) the estimate's expiry, in the caller's transaction. */
    void plan(String locationId, String estimateId) {
        Estimate estimate = estimates.find(locationId, estimateId).orElse(null);
        if (estimate == null || estimate.expiryDate() == null || !estimate.status().open()
                || estimate.expiredAt() != null) {
            cancel(locationId, estimateId);
            return;
        }
        jobs.schedule(job.getObject(), locationId + ":" + estimateId, new ExpireEstimate(locationId, estimateId),
                estimates.expiresAt(estimate));
    }

    private void cancel(String locationId, String estimateId) {
        jobs.cancel(job.getObject(), locationId + ":" + estimateId);
    }

    JobResult run(ExpireEstimate data, JobRun run) {
        Estimate estimate = estimates.find(data.locationId(), data.estimateId()).orElse(null);
        if (estimate == null || estimate.expiryDate() == null || !estimate.status().open()) {
            return new JobResult.Done();
        }
        Instant at = estimates.expiresAt(estimate);
        if (clock.instant().isBefore(at)) {
            return new JobResult.RetryAt(at);
        }
        estimates.expire(data.locationId(), data.estimateId());
        return new JobResult.Done();
    }
}
