package dev.remit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant SINCE = Instant.parse("2031-03-03T15:00:00Z");
    private static final RetryPolicy DAYS = new RetryPolicy(Duration.ofDays(1), 2, Duration.ofDays(2), 0, Duration.ofDays(5));

    @Test
    void backoffCountsFromWhenTheFailedTryWasDueNotFromWhenItRan() {
        Instant secondDue = SINCE.plus(Duration.ofDays(1));
        assertThat(DAYS.next(1, SINCE, SINCE, SINCE.plusSeconds(3), null)).contains(secondDue);
        // run early (or late): the schedule stays 1, 3 and 5 days after the first try was due
        assertThat(DAYS.next(2, SINCE, secondDue, SINCE.plusSeconds(30), null)).contains(SINCE.plus(Duration.ofDays(3)));
        assertThat(DAYS.next(3, SINCE, SINCE.plus(Duration.ofDays(3)), SINCE.plus(Duration.ofDays(3)), null))
                .contains(SINCE.plus(Duration.ofDays(5)));
    }

    @Test
    void theTryAtTheHorizonIsTheLastAndTheHorizonCapsTheWait() {
        assertThat(DAYS.next(4, SINCE, SINCE.plus(Duration.ofDays(5)), SINCE.plus(Duration.ofDays(5)), null)).isEmpty();
        assertThat(DAYS.next(1, SINCE, SINCE, SINCE.plus(Duration.ofDays(6)), null)).as("past the horizon").isEmpty();
        assertThat(DAYS.next(3, SINCE, SINCE.plus(Duration.ofDays(4)), SINCE.plus(Duration.ofDays(4)), null))
                .contains(SINCE.plus(Duration.ofDays(5)));
    }

    @Test
    void aRetryAfterHintIsCountedFromNowAndNoTryIsDueInThePast() {
        Instant now = SINCE.plus(Duration.ofHours(30));
        assertThat(DAYS.next(1, SINCE, SINCE, now, Duration.ofHours(1))).contains(now.plus(Duration.ofHours(1)));
        assertThat(DAYS.next(1, SINCE, SINCE, now, null)).contains(now);
        assertThat(DAYS.next(1, SINCE, SINCE, SINCE, Duration.ofDays(9))).as("capped at the horizon")
                .contains(SINCE.plus(Duration.ofDays(5)));
    }

    @Test
    void jitterOnlyShortensTheWait() {
        RetryPolicy jittered = new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 0.5, Duration.ofHours(24));
        for (int i = 0; i < 100; i++) {
            Optional<Instant> next = jittered.next(2, SINCE, SINCE, SINCE, null);
            assertThat(next).hasValueSatisfying(at -> assertThat(Duration.between(SINCE, at))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofHours(1), 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofHours(1), 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), 1.5, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
