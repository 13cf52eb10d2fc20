package dev.remit.schedule;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.remit.api.IsoDate;
import dev.remit.api.OneOf;
import dev.remit.api.Violations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * HighLevel's ScheduleOptionsDto as sent: exactly one of {@code executeAt} and {@code rrule}.
 * {@link #timing} turns it into a {@link ScheduleTiming}, naming every problem.
 */
@ValidTiming
public record ScheduleOptions(String executeAt, @Valid RRule rrule) {

    static final String HH_MM = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";

    /** CustomRRuleOptionsDto, property for property. */
    public record RRule(
            @NotNull @OneOf({"yearly", "monthly", "weekly", "daily", "hourly", "minutely", "secondly"}) String intervalType,
            @NotNull BigDecimal interval,
            @NotBlank @IsoDate String startDate,
            @Pattern(regexp = HH_MM, message = "must be a time of day as HH:mm") String startTime,
            @IsoDate String endDate,
            @Pattern(regexp = HH_MM, message = "must be a time of day as HH:mm") String endTime,
            BigDecimal dayOfMonth,
            @OneOf({"mo", "tu", "we", "th", "fr", "sa", "su"}) String dayOfWeek,
            BigDecimal numOfWeek,
            @OneOf({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}) String monthOfYear,
            BigDecimal count,
            BigDecimal daysBefore,
            Boolean useStartAsPrimaryUserAccepted,
            String endType) {
    }

    private static final Map<String, DayOfWeek> DAYS = Map.of("mo", DayOfWeek.MONDAY, "tu", DayOfWeek.TUESDAY,
            "we", DayOfWeek.WEDNESDAY, "th", DayOfWeek.THURSDAY, "fr", DayOfWeek.FRIDAY, "sa", DayOfWeek.SATURDAY,
            "su", DayOfWeek.SUNDAY);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    /**
     * The timing this says, or null with the problems added to {@code v} (paths under {@code schedule.}).
     * Binding has already checked the single properties; this checks what they mean together.
     */
    public ScheduleTiming timing(ZoneId zone, Violations v) {
        return timing(zone, (path, message) -> v.add(path.isEmpty() ? "schedule" : "schedule." + path, message));
    }

    /** A problem with the schedule: the path below {@code schedule} ("" for the schedule itself, "rrule.interval"). */
    @FunctionalInterface
    public interface Problems {
        void add(String path, String message);
    }

    public ScheduleTiming timing(ZoneId zone, Problems v) {
        if ((executeAt == null) == (rrule == null)) {
            v.add("", "must have exactly one of executeAt and rrule");
            return null;
        }
        if (executeAt != null) {
            LocalDateTime at = executeAt(executeAt, zone);
            if (at == null) {
                v.add("executeAt", "must be an ISO 8601 date-time");
                return null;
            }
            return new ScheduleTiming.Once(at);
        }
        return recurrence(rrule, v);
    }

    /** An instant with an offset is taken in the location's zone; a local date-time is the location's. */
    static LocalDateTime executeAt(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDateTime();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeException notLocal) {
                return null;
            }
        }
    }

    private static ScheduleTiming recurrence(RRule r, Problems problems) {
        String p = "rrule.";
        int[] problemCount = {0};
        Problems v = (path, message) -> {
            problemCount[0]++;
            problems.add(path, message);
        };
        Integer interval = whole(r.interval(), p + "interval", 1, 1000, v);
        Integer dayOfMonth = r.dayOfMonth() == null ? null : whole(r.dayOfMonth(), p + "dayOfMonth", -1, 31, v);
        if (dayOfMonth != null && dayOfMonth == 0) {
            v.add(p + "dayOfMonth", "must be between 1 and 31, or -1 for the last day");
        }
        Integer numOfWeek = r.numOfWeek() == null ? null : whole(r.numOfWeek(), p + "numOfWeek", -1, 5, v);
        if (numOfWeek != null && numOfWeek == 0) {
            v.add(p + "numOfWeek", "must be between 1 and 5, or -1 for the last");
        }
        if (numOfWeek != null && r.dayOfWeek() == null) {
            v.add(p + "numOfWeek", "needs dayOfWeek");
        }
        if (r.dayOfWeek() != null && r.dayOfMonth() != null) {
            v.add(p + "dayOfMonth", "cannot be combined with dayOfWeek");
        }
        Integer count = r.count() == null ? null : whole(r.count(), p + "count", 1, 10000, v);
        Integer daysBefore = r.daysBefore() == null ? null : whole(r.daysBefore(), p + "daysBefore", 0, 365, v);
        if ("secondly".equals(r.intervalType())) {
            v.add(p + "intervalType", "secondly is not supported: at most one invoice a minute");
        }
        if (r.endTime() != null && r.endDate() == null) {
            v.add(p + "endTime", "needs endDate");
        }
        LocalDate start = r.startDate() == null ? null : IsoDate.Dates.parse(r.startDate());
        LocalDate end = r.endDate() == null ? null : IsoDate.Dates.parse(r.endDate());
        if (start != null && end != null && end.isBefore(start)) {
            v.add(p + "endDate", "must not be before startDate");
        }
        if (problemCount[0] > 0 || start == null || r.intervalType() == null || interval == null
                || "secondly".equals(r.intervalType())) {
            return null;
        }
        // what single properties' own constraints report (OneOf, Pattern) is not reported twice
        if (!FREQUENCIES.contains(r.intervalType()) || !time(r.startTime(), true) || !time(r.endTime(), true)
                || (r.dayOfWeek() != null && !DAYS.containsKey(r.dayOfWeek()))
                || (r.monthOfYear() != null && !MONTHS.contains(r.monthOfYear()))) {
            return null;
        }
        Recurrence.Frequency frequency = Recurrence.Frequency.valueOf(r.intervalType().toUpperCase(Locale.ROOT));
        Recurrence recurrence = new Recurrence(frequency, interval, start, time(r.startTime()), end, time(r.endTime()),
                dayOfMonth, r.dayOfWeek() == null ? null : DAYS.get(r.dayOfWeek()), numOfWeek,
                r.monthOfYear() == null ? null : Month.of(MONTHS.indexOf(r.monthOfYear()) + 1), count,
                daysBefore == null ? 0 : daysBefore);
        return new ScheduleTiming.Recurring(recurrence);
    }

    private static final List<String> FREQUENCIES = List.of("yearly", "monthly", "weekly", "daily", "hourly", "minutely");

    private static boolean time(String text, boolean check) {
        return text == null || text.matches(HH_MM);
    }

    private static LocalTime time(String text) {
        return text == null ? null : LocalTime.parse(text);
    }

    private static Integer whole(BigDecimal value, String path, int min, int max, Problems v) {
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            v.add(path, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValueExact();
    }
}
