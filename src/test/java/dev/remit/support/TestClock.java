package dev.remit.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

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
}
