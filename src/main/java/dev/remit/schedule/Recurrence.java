package dev.remit.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * A schedule's {@code rrule} (HighLevel's CustomRRuleOptionsDto) as an RFC 5545 recurrence rule,
 * expanded by lib-recur in floating local time: the location's zone is applied afterwards
 * ({@link ScheduleTiming}), so an occurrence at 09:00 stays at 09:00 local across daylight saving.
 * The mapping is documented in docs/schedules.md.
 *
 * @param interval   every how many periods (1 or more)
 * @param dayOfMonth 1..31, or -1 for the last day of the month
 * @param numOfWeek  with dayOfWeek: 1..5 for the first to fifth such weekday of the month, -1 for the last
 * @param count      how many occurrences in all, null for no limit
 * @param endDate    the last day an occurrence may fall on (with endTime: the last moment), null for none
 * @param daysBefore how many days before each occurrence (its due date) the invoice is generated and sent
 */
public record Recurrence(Frequency frequency, int interval, LocalDate startDate, LocalTime startTime,
        LocalDate endDate, LocalTime endTime, Integer dayOfMonth, DayOfWeek dayOfWeek, Integer numOfWeek,
        Month monthOfYear, Integer count, int daysBefore) {

    public enum Frequency {
        YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Recurrence {
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1");
        }
        if (daysBefore < 0) {
            throw new IllegalArgumentException("daysBefore must not be negative");
        }
        startTime = startTime == null ? LocalTime.MIDNIGHT : startTime;
    }

    /** The first occurrence of the rule (not the start itself unless it matches). */
    public LocalDateTime start() {
        return LocalDateTime.of(startDate, startTime);
    }

    /** The last moment an occurrence may have: endDate at endTime, or at the end of that day. */
    public Optional<LocalDateTime> until() {
        if (endDate == null) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(endDate, endTime == null ? LocalTime.of(23, 59, 59) : endTime));
    }

    /** The RRULE this recurrence is, as RFC 5545 (with RFC 7529's RSCALE/SKIP where a month day may not exist). */
    public String rrule() {
        List<String> parts = new ArrayList<>();
        parts.add("FREQ=" + frequency.name());
        parts.add("INTERVAL=" + interval);
        boolean monthDay = false;
        switch (frequency) {
            case YEARLY -> {
                Month month = monthOfYear != null ? monthOfYear : startDate.getMonth();
                parts.add("BYMONTH=" + month.getValue());
                if (dayOfWeek != null) {
                    parts.add("BYDAY=" + weekday());
                } else {
                    parts.add("BYMONTHDAY=" + (dayOfMonth != null ? dayOfMonth : startDate.getDayOfMonth()));
                    monthDay = true;
                }
            }
            case MONTHLY -> {
                if (dayOfWeek != null) {
                    parts.add("BYDAY=" + weekday());
                } else {
                    parts.add("BYMONTHDAY=" + (dayOfMonth != null ? dayOfMonth : startDate.getDayOfMonth()));
                    monthDay = true;
                }
            }
            case WEEKLY -> {
                parts.add("BYDAY=" + code(dayOfWeek != null ? dayOfWeek : startDate.getDayOfWeek()));
                parts.add("WKST=MO");
            }
            default -> {
            }
        }
        if (count != null) {
            parts.add("COUNT=" + count);
        }
        until().ifPresent(u -> parts.add("UNTIL=" + u.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))));
        if (monthDay) {
            // the 31st in a 30-day month, or February 29 in a common year, falls back to the month's last day
            parts.add("RSCALE=GREGORIAN");
            parts.add("SKIP=BACKWARD");
        }
        return String.join(";", parts);
    }

    private String weekday() {
        return (numOfWeek == null ? "" : numOfWeek.toString()) + code(dayOfWeek);
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }

    /** The first occurrence strictly after {@code after} (local time), if the rule has one. */
    public Optional<LocalDateTime> firstAfter(LocalDateTime after) {
        RecurrenceRuleIterator it = iterator();
        DateTime bound = floating(after);
        it.fastForward(bound);
        while (it.hasNext()) {
            DateTime next = it.nextDateTime();
            if (next.after(bound)) {
                return Optional.of(local(next));
            }
        }
        return Optional.empty();
    }

    /** The first {@code max} occurrences. */
    public List<LocalDateTime> first(int max) {
        List<LocalDateTime> out = new ArrayList<>();
        RecurrenceRuleIterator it = iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(local(it.nextDateTime()));
        }
        return out;
    }

    private RecurrenceRuleIterator iterator() {
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(rrule(), RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException invalid) {
            throw new IllegalArgumentException("not a valid recurrence: " + invalid.getMessage(), invalid);
        }
        return rule.iterator(floating(start()));
    }

    private static DateTime floating(LocalDateTime t) {
        return new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    private static LocalDateTime local(DateTime t) {
        return LocalDateTime.of(t.getYear(), t.getMonth() + 1, t.getDayOfMonth(), t.getHours(), t.getMinutes(),
                t.getSeconds());
    }
}
