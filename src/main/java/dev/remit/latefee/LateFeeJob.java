package dev.remit.latefee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;
import dev.remit.jobs.RetryPolicy;

/**
 * The durable accrual: job {@value #NAME}, one instance per invoice (instance id
 * {@code locationId:invoiceId}), due when the invoice's next late fee falls due. Each run applies
 * what is due by then and schedules itself for the next fee; it ends when the invoice is paid, void
 * or deleted, its late fees are off, or the cap is reached.
 */
@Configuration(proxyBeanMethods = false)
class LateFeeJob {

    static final String NAME = "remit-late-fees";

    /**
     * The job's data: which invoice, and since when its rule holds (intervals before that accrue
     * nothing: the time it was first sent or its configuration last changed).
     */
    record AccrueLateFees(String locationId, String invoiceId, Instant notBefore) {
    }

    @Bean
    Job<AccrueLateFees> lateFeesJob(LateFeeAccrual accrual, Clock clock) {
        // A run only fails when the database does; it is tried again until it works.
        return Job.named(NAME, AccrueLateFees.class)
                .retry(new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 0.1, Duration.ofDays(365)))
                .handledBy(accrual::run, clock);
    }
}
