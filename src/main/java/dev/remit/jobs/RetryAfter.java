package dev.remit.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An HTTP {@code Retry-After} header (RFC 9110 §10.2.3), as the wait {@link RetryPolicy} takes.
 */
public final class RetryAfter {

    /** Longer than any retry horizon; a larger answer is read as this, so that no sum overflows. */
    static final Duration LONGEST = Duration.ofDays(366);

    private RetryAfter() {
    }

    /**
     * The wait a {@code Retry-After} value asks for: delay-seconds, or an HTTP date measured from
     * {@code now}. An HTTP date is the other server's wall time, so callers pass the wall clock here,
     * not the application clock. Null when the value is absent, negative or unreadable; a date in the
     * past is no wait, and any wait is at most {@link #LONGEST}.
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : atMostLongest(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : atMostLongest(wait);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration atMostLongest(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
