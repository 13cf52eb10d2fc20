package dev.remit.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How delivery retries ({@code remit.delivery.*}). A transient failure (connection refused or timed
 * out, SMTP 4xx, HTTP 5xx or 429) is tried again after {@code initialBackoff}, then doubling
 * ({@code backoffMultiplier}) up to {@code maxBackoff}, each wait shortened by a random part of up to
 * {@code jitter} of it, and never sooner than a Retry-After asks; past {@code retryHorizon} since the
 * message was queued it fails.
 */
@ConfigurationProperties("remit.delivery")
record DeliveryProperties(
        @DefaultValue("24h") Duration retryHorizon,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("0.5") double jitter) {

    public DeliveryProperties {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("remit.delivery.initial-backoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            maxBackoff = initialBackoff;
        }
        if (backoffMultiplier < 1) {
            throw new IllegalArgumentException("remit.delivery.backoff-multiplier must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("remit.delivery.jitter must be between 0 and 1");
        }
    }

    /** The retry policy of the delivery job. */
    public dev.remit.jobs.RetryPolicy retryPolicy() {
        return new dev.remit.jobs.RetryPolicy(initialBackoff, backoffMultiplier, maxBackoff, jitter, retryHorizon);
    }
}
