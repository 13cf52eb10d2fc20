package dev.remit.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code remit.payments.*} (listed in the README). The key that encrypts provider
 * secrets is not here: it is {@code REMIT_SECRET_KEY} ({@code remit.secret-key}), see {@link SecretBox}.
 */
@ConfigurationProperties("remit.payments")
record PaymentProperties(@DefaultValue Stripe stripe, @DefaultValue AutoPayment autoPayment) {

    /**
     * @param apiBase          Stripe's API (a local stand-in in tests)
     * @param checkoutOrigin   where Checkout Sessions live: the hosted page's Content-Security-Policy lets the Pay
     *                         form be redirected there (read by the page's headers)
     * @param webhookTolerance how old a signed webhook may be before it is refused as stale
     * @param connectTimeout   connecting to Stripe
     * @param readTimeout      waiting for Stripe's answer
     */
    public record Stripe(
            @DefaultValue("https://api.stripe.com") String apiBase,
            @DefaultValue("https://checkout.stripe.com") String checkoutOrigin,
            @DefaultValue("300s") Duration webhookTolerance,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("80s") Duration readTimeout) {
    }

    /**
     * @param retry          how a declined auto-charge is tried again
     * @param unknownOutcome when Stripe could not be reached (the outcome is unknown), how soon to ask again
     *                       with the same idempotency key
     */
    public record AutoPayment(@DefaultValue Retry retry, @DefaultValue("5m") Duration unknownOutcome) {
    }

    /**
     * After a declined auto-charge: the next attempt is due {@code initialBackoff} after the declined one
     * was due, each later wait {@code multiplier} times the last, at most {@code maxBackoff}; none later
     * than {@code horizon} after the first was due. The defaults try again 1, 3 and 5 days after the
     * first attempt, then give up.
     */
    public record Retry(
            @DefaultValue("1d") Duration initialBackoff,
            @DefaultValue("2") double multiplier,
            @DefaultValue("2d") Duration maxBackoff,
            @DefaultValue("0") double jitter,
            @DefaultValue("5d") Duration horizon) {

        public dev.remit.jobs.RetryPolicy policy() {
            return new dev.remit.jobs.RetryPolicy(initialBackoff, multiplier, maxBackoff, jitter, horizon);
        }
    }
}
