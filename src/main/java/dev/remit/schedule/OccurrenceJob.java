package dev.remit.schedule;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;
import dev.remit.jobs.RetryPolicy;

/**
 * The durable occurrence: job {@value #NAME}, one instance per (schedule, occurrence), instance id
 * {@code scheduleId@occurrence} (a key only: the data says which). An occurrence that fails (an
 * invoice the current rules refuse, the database gone) is tried again for a day, then skipped: the
 * schedule moves on to its next occurrence.
 */
@Configuration(proxyBeanMethods = false)
class OccurrenceJob {

    static final String NAME = "invoice-schedule-occurrence";

    /** Which occurrence of which schedule; {@code occurrence} is its local date-time key. */
    record RunOccurrence(String locationId, String scheduleId, String occurrence) {
    }

    static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 0.0,
            Duration.ofDays(1));

    @Bean
    Job<RunOccurrence> scheduleOccurrence(OccurrenceRunner runner, Clock clock) {
        return Job.named(NAME, RunOccurrence.class)
                .retry(RETRY)
                .onExhausted(runner::gaveUp)
                .handledBy(runner::run, clock);
    }
}
