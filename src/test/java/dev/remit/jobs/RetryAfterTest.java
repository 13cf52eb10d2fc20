package dev.remit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void secondsAreAWait() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anHttpDateIsMeasuredFromTheGivenNow() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(60).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(inAMinute, NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anEnormousWaitIsCappedSoThatTheRetryTimeCanBeComputed() {
        assertThat(RetryAfter.parse("9223372036854775807", NOW)).isEqualTo(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).isEqualTo(RetryAfter.LONGEST);
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0, Duration.ofDays(1));
        assertThat(policy.next(1, NOW, NOW, NOW, RetryAfter.parse("9223372036854775807", NOW)))
                .contains(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void absentNegativeOrUnreadableIsNoAnswer() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("  ", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    }
}
