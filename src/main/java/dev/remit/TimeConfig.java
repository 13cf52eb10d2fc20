package dev.remit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of business time (docs/architecture.md, "Time"): every class that stamps, expires
 * or schedules something reads this {@link Clock}, and db-scheduler decides which tasks are due by it
 * too, so a test that moves it makes due-date charges and retries run without waiting.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** db-scheduler's starter uses this instead of its own SystemClock (it backs off when one exists). */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
        return clock::instant;
    }
}
