package dev.remit.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a job type retries a failed try: exponential backoff with jitter, bounded by a horizon.
 * The try after failure {@code n} (1-based) is due {@code initialBackoff × multiplier^(n-1)} (at most
 * {@code maxBackoff}, less a random part of up to {@code jitter} of it) after the failed try was due,
 * never sooner than a Retry-After asks and never before now. No try is due later than
 * {@code horizon} after the job's first try was due: the last one is moved to the horizon, and when it
 * fails too the retries have run out.
 *
 * @param initialBackoff the wait after the first failure
 * @param multiplier     how much each wait grows (1: a constant wait)
 * @param maxBackoff     the longest wait
 * @param jitter         each wait is shortened by a random part of up to this fraction (0 to 1)
 * @param horizon        how long after the first try was due the job may still be tried
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter, Duration horizon) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("the initial backoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            maxBackoff = initialBackoff;
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("the backoff multiplier must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("the jitter must be between 0 and 1");
        }
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("the retry horizon must not be negative");
        }
    }

    /**
     * The wait after failure {@code failures} (1-based): initial backoff times multiplier^(failures-1),
     * at most the max backoff, less up to {@code jitter} of it at random; never shorter than
     * {@code retryAfter} (may be null).
     */
    public Duration delay(int failures, Duration retryAfter) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        base = Math.min(base, maxBackoff.toMillis());
        double jittered = base * (1 - jitter * ThreadLocalRandom.current().nextDouble());
        Duration wait = Duration.ofMillis(Math.max(1, Math.round(jittered)));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait;
    }

    /** The last moment a job whose first try was due at {@code since} may still be tried. */
    public Instant deadline(Instant since) {
        return since.plus(horizon);
    }

    /**
     * When to try again after failure {@code failures} of a try that was due at {@code due}, at
     * {@code now}; empty when the retries have run out (the failed try was due at the horizon or the
     * horizon has passed).
     */
    public Optional<Instant> next(int failures, Instant since, Instant due, Instant now, Duration retryAfter) {
        Instant deadline = deadline(since);
        if (!now.isBefore(deadline) || !due.isBefore(deadline)) {
            return Optional.empty();
        }
        Instant at = due.plus(delay(failures, null));
        if (retryAfter != null && now.plus(retryAfter).isAfter(at)) {
            at = now.plus(retryAfter);
        }
        if (at.isBefore(now)) {
            at = now;
        }
        return Optional.of(at.isAfter(deadline) ? deadline : at);
    }
}
