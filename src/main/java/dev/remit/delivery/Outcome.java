package dev.remit.delivery;

import java.time.Duration;

/** What one try at delivering a message came to. */
sealed interface Outcome {

    /** Handed over (or written to the outbox); {@code providerId} names it there. */
    record Delivered(String providerId) implements Outcome {
    }

    /** Will never work as it is (SMTP 5xx, Twilio 400): fails at once. */
    record Permanent(String error) implements Outcome {
    }

    /** May work later (connection refused, timeout, SMTP 4xx, HTTP 5xx or 429). */
    record Transient(String error, Duration retryAfter) implements Outcome {

        Transient(String error) {
            this(error, null);
        }
    }
}
