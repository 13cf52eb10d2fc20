package dev.remit.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Import this into a Spring test to run the server on a {@link MutableClock} that starts at
 * {@link #START} and moves only when the test moves it (autowire {@link MutableClock}). Everything
 * that reads business time follows it, db-scheduler included: moving it past a task's time runs the
 * task at the next poll. Moving it in a context other test classes share moves it for them too, so
 * a test class that imports this should run on a database and context of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    /** A fixed start, far from the real date, so that nothing passes by reading the real clock. */
    public static final Instant START = Instant.parse("2031-03-03T15:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }

    @Bean
    SchedulerPulse schedulerPulse(ObjectProvider<Scheduler> scheduler,
            @Value("${db-scheduler.polling-interval:10s}") Duration interval) {
        return new SchedulerPulse(scheduler, interval);
    }

    /**
     * Polls db-scheduler in real time while business time stands still. Its poll loop waits until its
     * clock has moved a polling interval past the last poll, so on a clock that does not move it would
     * never poll again and a task due now would wait for the test to move time.
     */
    static final class SchedulerPulse implements SmartLifecycle {

        private final ObjectProvider<Scheduler> scheduler;
        private final Duration interval;
        private ScheduledExecutorService pulse;

        SchedulerPulse(ObjectProvider<Scheduler> scheduler, Duration interval) {
            this.scheduler = scheduler;
            this.interval = interval;
        }

        @Override
        public synchronized void start() {
            pulse = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "test-clock-scheduler-pulse");
                thread.setDaemon(true);
                return thread;
            });
            pulse.scheduleWithFixedDelay(() -> scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions),
                    interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void stop() {
            if (pulse != null) {
                pulse.shutdownNow();
                pulse = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return pulse != null;
        }
    }
}
