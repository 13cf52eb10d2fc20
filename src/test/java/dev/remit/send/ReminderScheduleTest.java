package dev.remit.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Business hours (startTime to endTime) and what a reminder's templates mean (docs/reminders.md). */
class ReminderScheduleTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate DUE = LocalDate.of(2031, 3, 10);

    @Test
    void outsideBusinessHoursAReminderMovesToTheirNextStart() {
        ReminderSchedule hourly = schedule(LocalTime.of(9, 0), LocalTime.of(17, 0), 3, 6);
        // 12:00, 15:00 in; 18:00, 21:00, 0:00, 3:00 out: the next 9:00
        assertThat(times(hourly)).containsExactly(at(DUE, 12), at(DUE, 15), at(DUE.plusDays(1), 9), at(DUE.plusDays(1), 9),
                at(DUE.plusDays(1), 9), at(DUE.plusDays(1), 9));
        // several waiting go out as one, the latest
        assertThat(hourly.dueAt(DUE, 3, instant(DUE.plusDays(1), 9))).contains(6);
    }

    @Test
    void businessHoursMayCrossMidnight() {
        ReminderSchedule night = schedule(LocalTime.of(22, 0), LocalTime.of(6, 0), 4, 3);
        // 2:00 (next day) in; 6:00 and 10:00 out: 22:00 that day
        assertThat(times(night)).containsExactly(at(DUE.plusDays(1), 2), at(DUE.plusDays(1), 22), at(DUE.plusDays(1), 22));
    }

    @Test
    void withoutAnEndTimeAnyTimeOfDayWillDo() {
        assertThat(times(schedule(LocalTime.of(9, 0), null, 8, 3)))
                .containsExactly(at(DUE, 17), at(DUE.plusDays(1), 1), at(DUE.plusDays(1), 9));
    }

    @Test
    void aSingleWordNamesATemplateAndLongerTextIsTheMessage() {
        ReminderSchedule.Content content = new ReminderSchedule.Content("", "default", "Pay {{invoice.url}}");
        assertThat(content.email()).isTrue();
        assertThat(content.ownEmailMessage()).isNull();
        assertThat(content.ownSubject()).isNull();
        assertThat(content.ownSms()).isEqualTo("Pay {{invoice.url}}");
        ReminderSchedule.Content none = new ReminderSchedule.Content("Hi", " ", "dhwjqi2899012990w2u");
        assertThat(none.email()).isFalse();
        assertThat(none.ownSubject()).isEqualTo("Hi");
        assertThat(none.ownSms()).isNull();
        assertThat(new ReminderSchedule.Content("", "Line one\nline two", "").ownEmailMessage()).isEqualTo("Line one\nline two");
    }

    private static ReminderSchedule schedule(LocalTime start, LocalTime end, long hours, int max) {
        return new ReminderSchedule("r", "r", true, false, ChronoUnit.HOURS, hours, max, false, start, end, CHICAGO,
                new ReminderSchedule.Content("", "default", ""));
    }

    private static List<LocalDateTime> times(ReminderSchedule schedule) {
        return IntStream.rangeClosed(1, schedule.count())
                .mapToObj(n -> LocalDateTime.ofInstant(schedule.time(DUE, n), CHICAGO)).toList();
    }

    private static LocalDateTime at(LocalDate day, int hour) {
        return day.atTime(hour, 0);
    }

    private static Instant instant(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(CHICAGO).toInstant();
    }
}
