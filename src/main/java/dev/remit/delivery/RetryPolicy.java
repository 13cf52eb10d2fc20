package dev.remit.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/** Exponential backoff with jitter, bounded by the retry horizon ({@link DeliveryProperties}). */
@Component
class RetryPolicy {

    private final DeliveryProperties properties;

    RetryPolicy(DeliveryProperties properties) {
        this.properties = properties;
    }

    /**
     * The wait before try {@code attempt + 1} after try {@code attempt} (1-based) failed: initial
     * backoff times multiplier^(attempt-1), at most the max backoff, less up to {@code jitter} of it at
     * random; never shorter than the server's Retry-After.
     */
    Duration delay(int attempt, Duration retryAfter) {
        double base = properties.initialBackoff().toMillis() * Math.pow(properties.backoffMultiplier(), Math.max(0, attempt - 1));
        base = Math.min(base, properties.maxBackoff().toMillis());
        double jittered = base * (1 - properties.jitter() * ThreadLocalRandom.current().nextDouble());
        Duration wait = Duration.ofMillis(Math.max(1, Math.round(jittered)));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait;
    }

    /** The last moment a message queued at {@code queuedAt} may still be tried. */
    Instant deadline(Instant queuedAt) {
        return queuedAt.plus(properties.retryHorizon());
    }

    Duration horizon() {
        return properties.retryHorizon();
    }
}
