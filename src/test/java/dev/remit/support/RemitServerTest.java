package dev.remit.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A running remit server for a test class: on a free port, with remit.public-base-url pointing at
 * it, over a fresh database (H2, or PostgreSQL when the suite runs there: {@link TestDatabase}) and
 * a data dir of its own, with the {@link Tenants} fixture. Stubs come in with {@code @Import}
 * (for example {@link TestClock}, {@code StripeStub.Server}, {@link GreenMailStub},
 * {@link TwilioStub}); a stub that is a {@link StubProperties} also points the server at itself.
 * Settings come with {@code @TestPropertySource}.
 *
 * <p>Spring caches a context per distinct configuration, so test classes that import the same
 * stubs and set the same properties share one server: keep those lists the same where you can.
 * The database and port are chosen when a context is built, not per class, so they never split
 * the cache. A setting the test class gives itself wins over the defaults chosen here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextCustomizerFactories(RemitServerContext.class)
@Import(Tenants.class)
public @interface RemitServerTest {
}
