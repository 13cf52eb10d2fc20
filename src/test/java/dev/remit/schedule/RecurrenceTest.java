package dev.remit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.remit.schedule.Recurrence.Frequency;

/** The rrule mapping against hand-computed dates, the RRULE text, DST in two zones, and a seeded oracle. */
class RecurrenceTest {

    static Recurrence rule(Frequency f, int interval, String start, String time) {
        return new Recurrence(f, interval, LocalDate.parse(start), time == null ? null : LocalTime.parse(time), null, null,
                null, null, null, null, null, 0);
    }

    static List<String> dates(Recurrence r, int n) {
        return r.first(n).stream().map(t -> t.toLocalDate().toString()).toList();
    }

    @Test
    void daily() {
        Recurrence r = rule(Frequency.DAILY, 1, "2031-03-03", "09:00");
        assertThat(r.rrule()).isEqualTo("FREQ=DAILY;INTERVAL=1");
        assertThat(r.first(3)).containsExactly(LocalDateTime.parse("2031-03-03T09:00"),
                LocalDateTime.parse("2031-03-04T09:00"), LocalDateTime.parse("2031-03-05T09:00"));
    }

    @Test
    void everyTwoWeeksOnThursday() {
        Recurrence r = new Recurrence(Frequency.WEEKLY, 2, LocalDate.parse("2031-03-03"), LocalTime.of(9, 0), null, null,
                null, DayOfWeek.THURSDAY, null, null, null, 0);
        assertThat(r.rrule()).isEqualTo("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO");
        assertThat(dates(r, 3)).containsExactly("2031-03-06", "2031-03-20", "2031-04-03");
    }

    @Test
    void monthlyOnThe31stFallsBackToTheLastDayOfShorterMonths() {
        Recurrence r = new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2031-01-31"), LocalTime.of(9, 0), null, null,
                31, null, null, null, null, 0);
        assertThat(r.rrule()).isEqualTo("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31;RSCALE=GREGORIAN;SKIP=BACKWARD");
        assertThat(dates(r, 5)).containsExactly("2031-01-31", "2031-02-28", "2031-03-31", "2031-04-30", "2031-05-31");
    }

    @Test
    void monthlyWithoutDayOfMonthUsesTheStartDay() {
        Recurrence r = rule(Frequency.MONTHLY, 1, "2032-01-30", "08:00");
        assertThat(dates(r, 3)).containsExactly("2032-01-30", "2032-02-29", "2032-03-30");
    }

    @Test
    void lastFridayOfTheMonth() {
        Recurrence r = new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2031-03-01"), LocalTime.of(9, 0), null, null,
                null, DayOfWeek.FRIDAY, -1, null, null, 0);
        assertThat(r.rrule()).isEqualTo("FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR");
        assertThat(dates(r, 3)).containsExactly("2031-03-28", "2031-04-25", "2031-05-30");
    }

    @Test
    void secondTuesdayOfTheMonth() {
        Recurrence r = new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2031-03-01"), LocalTime.of(9, 0), null, null,
                null, DayOfWeek.TUESDAY, 2, null, null, 0);
        assertThat(dates(r, 3)).containsExactly("2031-03-11", "2031-04-08", "2031-05-13");
    }

    @Test
    void yearlyOnFebruary29IsFebruary28InCommonYears() {
        Recurrence r = new Recurrence(Frequency.YEARLY, 1, LocalDate.parse("2032-02-29"), LocalTime.of(9, 0), null, null,
                29, null, null, Month.FEBRUARY, null, 0);
        assertThat(r.rrule()).isEqualTo("FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=29;RSCALE=GREGORIAN;SKIP=BACKWARD");
        assertThat(dates(r, 5)).containsExactly("2032-02-29", "2033-02-28", "2034-02-28", "2035-02-28", "2036-02-29");
    }

    @Test
    void countLimitsTheOccurrences() {
        Recurrence r = new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2031-03-15"), LocalTime.of(9, 0), null, null,
                15, null, null, null, 3, 0);
        assertThat(r.rrule()).contains("COUNT=3");
        assertThat(dates(r, 10)).containsExactly("2031-03-15", "2031-04-15", "2031-05-15");
        assertThat(r.firstAfter(LocalDateTime.parse("2031-05-15T09:00"))).isEmpty();
    }

    @Test
    void endDateIsInclusiveAndEndTimeBoundsTheLastDay() {
        Recurrence all = new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2031-03-01"), LocalTime.of(9, 0),
                LocalDate.parse("2031-03-03"), null, null, null, null, null, null, 0);
        assertThat(all.rrule()).contains("UNTIL=20310303T235959");
        assertThat(dates(all, 10)).containsExactly("2031-03-01", "2031-03-02", "2031-03-03");
        Recurrence early = new Recurrence(Frequency.DAILY, 1, LocalDate.parse("2031-03-01"), LocalTime.of(9, 0),
                LocalDate.parse("2031-03-03"), LocalTime.of(8, 0), null, null, null, null, null, 0);
        assertThat(dates(early, 10)).containsExactly("2031-03-01", "2031-03-02");
    }

    @Test
    void daysBeforeGeneratesEarlierWithTheOccurrenceAsDueDate() {
        Recurrence r = new Recurrence(Frequency.MONTHLY, 1, LocalDate.parse("2031-03-15"), LocalTime.of(9, 0), null, null,
                15, null, null, null, null, 5);
        ScheduleTiming.Occurrence first = new ScheduleTiming.Recurring(r).after(null, ZoneId.of("UTC")).orElseThrow();
        assertThat(first.dueDate()).isEqualTo(LocalDate.parse("2031-03-15"));
        assertThat(first.issueDate()).isEqualTo(LocalDate.parse("2031-03-10"));
        assertThat(first.runAt()).isEqualTo(Instant.parse("2031-03-10T09:00:00Z"));
    }

    @Test
    void nineOClockLocalOnTheDaysTheClocksChange() {
        // America/Chicago: 2031-03-09 (CST to CDT) and 2031-11-02 (CDT to CST)
        ZoneId chicago = ZoneId.of("America/Chicago");
        ScheduleTiming daily = new ScheduleTiming.Recurring(rule(Frequency.DAILY, 1, "2031-03-08", "09:00"));
        ScheduleTiming.Occurrence before = daily.after(null, chicago).orElseThrow();
        ScheduleTiming.Occurrence change = daily.after(before.at(), chicago).orElseThrow();
        assertThat(before.runAt()).isEqualTo(Instant.parse("2031-03-08T15:00:00Z"));
        assertThat(change.runAt()).isEqualTo(Instant.parse("2031-03-09T14:00:00Z"));
        ScheduleTiming.Occurrence autumn = daily.after(LocalDateTime.parse("2031-11-01T12:00"), chicago).orElseThrow();
        assertThat(autumn.runAt()).isEqualTo(Instant.parse("2031-11-02T15:00:00Z"));
        // Europe/Berlin: 2031-03-30 (CET to CEST) and 2031-10-26 (CEST to CET)
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(daily.after(LocalDateTime.parse("2031-03-29T12:00"), berlin).orElseThrow().runAt())
                .isEqualTo(Instant.parse("2031-03-30T07:00:00Z"));
        assertThat(daily.after(LocalDateTime.parse("2031-10-25T12:00"), berlin).orElseThrow().runAt())
                .isEqualTo(Instant.parse("2031-10-26T08:00:00Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesForwardByTheGap() {
        ScheduleTiming daily = new ScheduleTiming.Recurring(rule(Frequency.DAILY, 1, "2031-03-09", "02:30"));
        assertThat(daily.after(null, ZoneId.of("America/Chicago")).orElseThrow().runAt())
                .isEqualTo(Instant.parse("2031-03-09T08:30:00Z")); // 03:30 CDT
    }

    @Test
    void missedOccurrencesCollapseIntoTheLatest() {
        ZoneId utc = ZoneId.of("UTC");
        ScheduleTiming daily = new ScheduleTiming.Recurring(rule(Frequency.DAILY, 1, "2031-03-01", "09:00"));
        ScheduleTiming.Occurrence due = daily.dueAt(Instant.parse("2031-03-05T10:00:00Z"),
                LocalDateTime.parse("2031-03-01T09:00"), utc).orElseThrow();
        assertThat(due.at()).isEqualTo(LocalDateTime.parse("2031-03-05T09:00"));
        assertThat(daily.upcoming(Instant.parse("2031-03-05T10:00:00Z"), due.at(), utc).orElseThrow().at())
                .isEqualTo(LocalDateTime.parse("2031-03-06T09:00"));
    }

    @Test
    void onceAtItsTime() {
        ScheduleTiming once = new ScheduleTiming.Once(LocalDateTime.parse("2031-04-01T09:00"));
        ZoneId chicago = ZoneId.of("America/Chicago");
        assertThat(once.upcoming(Instant.parse("2031-03-03T15:00:00Z"), null, chicago).orElseThrow().runAt())
                .isEqualTo(Instant.parse("2031-04-01T14:00:00Z"));
        assertThat(once.after(LocalDateTime.parse("2031-04-01T09:00"), chicago)).isEmpty();
        assertThat(once.upcoming(Instant.parse("2031-04-02T00:00:00Z"), null, chicago)).isEmpty();
    }

    /** Seeded generator: monthly on a day of month against java.time's own month arithmetic as the oracle. */
    @Test
    void monthlyOnADayMatchesTheOracle() {
        Random random = new Random(20311113L);
        for (int i = 0; i < 300; i++) {
            LocalDate start = LocalDate.of(2030 + random.nextInt(10), 1 + random.nextInt(12), 1);
            int day = 1 + random.nextInt(31);
            int interval = 1 + random.nextInt(4);
            Recurrence r = new Recurrence(Frequency.MONTHLY, interval, start, LocalTime.of(random.nextInt(24), 0), null,
                    null, day, null, null, null, null, 0);
            List<LocalDate> expected = new ArrayList<>();
            for (int k = 0; expected.size() < 12; k++) {
                LocalDate month = start.plusMonths((long) k * interval);
                expected.add(month.withDayOfMonth(Math.min(day, month.lengthOfMonth())));
            }
            assertThat(r.first(12).stream().map(LocalDateTime::toLocalDate).toList()).as(r.rrule() + " from " + start)
                    .isEqualTo(expected);
        }
    }

    /** Seeded generator: the last given weekday of each month against TemporalAdjusters.lastInMonth. */
    @Test
    void lastWeekdayMatchesTheOracle() {
        Random random = new Random(4242L);
        for (int i = 0; i < 200; i++) {
            LocalDate start = LocalDate.of(2030 + random.nextInt(10), 1 + random.nextInt(12), 1);
            DayOfWeek weekday = DayOfWeek.of(1 + random.nextInt(7));
            Recurrence r = new Recurrence(Frequency.MONTHLY, 1, start, LocalTime.NOON, null, null, null, weekday, -1,
                    null, null, 0);
            List<LocalDate> expected = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                expected.add(start.plusMonths(k).with(TemporalAdjusters.lastInMonth(weekday)));
            }
            assertThat(r.first(12).stream().map(LocalDateTime::toLocalDate).toList()).isEqualTo(expected);
        }
    }
}
