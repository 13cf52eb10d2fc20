package dev.remit.send;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.remit.payment.StripeStub;
import dev.remit.support.GreenMailStub;
import dev.remit.support.RemitServerTest;
import dev.remit.support.TwilioStub;

/**
 * A {@link RemitServerTest} whose SMTP is GreenMail and Twilio WireMock, with quick delivery
 * retries. Stripe keys can be stored (the seed's send enables autoPayment) but no charge reaches a
 * Stripe: its API base is a closed port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RemitServerTest
@Import({GreenMailStub.class, TwilioStub.class})
@TestPropertySource(properties = {
        "db-scheduler.polling-interval=100ms",
        "remit.delivery.initial-backoff=200ms",
        "remit.delivery.max-backoff=1s",
        "remit.mail.from-address=invoices@remit.example",
        "remit.public-base-url=https://pay.remit.example",
        "remit.secret-key=" + StripeStub.SECRET_KEY,
        "remit.payments.stripe.api-base=http://127.0.0.1:9"})
@interface SendServerTest {
}
