package dev.remit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link RemitServerTest} on the {@link TestClock}: tests move time with an autowired
 * {@link MutableClock} instead of sleeping. Moving it moves it for every class sharing this
 * context, which none of the others shares. The burst limit is 20 requests, so a test can spend it
 * and watch the window reset.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RemitServerTest
@Import(TestClock.class)
@TestPropertySource(properties = {"remit.rate-limit.burst-max=20", "db-scheduler.polling-interval=100ms"})
public @interface ClockServerTest {
}
