package dev.remit.send;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;
import dev.remit.jobs.RetryPolicy;

/**
 * The durable reminder: job {@value #NAME}, one instance per reminder of an invoice (instance id
 * {@code locationId:invoiceId:reminderId}), due when its next reminder is. Each run sends what is due
 * and waits for the next; it ends when the invoice is paid, void or deleted, the reminder is off or
 * gone, or the last of its maxReminders is sent.
 */
@Configuration(proxyBeanMethods = false)
class ReminderJob {

    static final String NAME = "remit-reminders";

    /** The job's data: which reminder of which invoice, and the first reminder number it may send. */
    record SendReminder(String locationId, String invoiceId, String reminderId, int number) {
    }

    @Bean
    Job<SendReminder> remindersJob(ReminderRun run, Clock clock) {
        // A run only fails when the database does; it is tried again until it works.
        return Job.named(NAME, SendReminder.class)
                .retry(new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 0.1, Duration.ofDays(365)))
                .handledBy(run::run, clock);
    }
}
