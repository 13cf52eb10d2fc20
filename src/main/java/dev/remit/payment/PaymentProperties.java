package dev.remit.payment;

import java.time.Duration;
import java.util.List;

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
     * @param retryAfter     after a declined auto-charge, when to try again, counted from the first failed attempt
     *                       (default: 1, 3 and 5 days); after the last one auto-payment gives up
     * @param unknownOutcome when Stripe could not be reached (the outcome is unknown), how soon to ask again
     *                       with the same idempotency key
     */
    public record AutoPayment(
            @DefaultValue({"1d", "3d", "5d"}) List<Duration> retryAfter,
            @DefaultValue("5m") Duration unknownOutcome) {
    }
}
