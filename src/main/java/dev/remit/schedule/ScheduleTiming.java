package dev.remit.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a schedule's invoices go out: once ({@code schedule.executeAt}) or by a recurrence
 * ({@code schedule.rrule}). Occurrences are local date-times of the location's zone; each becomes an
 * instant only here, by java.time's rules (in a daylight-saving gap the time moves forward by the gap,
 * in an overlap the earlier offset is taken).
 */
public sealed interface ScheduleTiming {

    /** The next occurrence strictly after {@code after} (local time of the zone), if any. */
    Optional<Occurrence> after(LocalDateTime after, ZoneId zone);

    /** One occurrence: the invoice is generated and sent at {@code runAt}, due on {@code dueDate}. */
    record Occurrence(LocalDateTime at, Instant runAt, LocalDate issueDate, LocalDate dueDate) {

        /** The key of this occurrence within its schedule (unique per schedule in the database). */
        public String key() {
            return at.toString();
        }
    }

    record Once(LocalDateTime at) implements ScheduleTiming {
        @Override
        public Optional<Occurrence> after(LocalDateTime after, ZoneId zone) {
            if (after != null && !at.isAfter(after)) {
                return Optional.empty();
            }
            return Optional.of(new Occurrence(at, ZonedDateTime.of(at, zone).toInstant(), at.toLocalDate(),
                    at.toLocalDate()));
        }
    }

    record Recurring(Recurrence rule) implements ScheduleTiming {
        @Override
        public Optional<Occurrence> after(LocalDateTime after, ZoneId zone) {
            Optional<LocalDateTime> next = after == null ? rule.first(1).stream().findFirst() : rule.firstAfter(after);
            return next.map(at -> {
                LocalDateTime generateAt = at.minusDays(rule.daysBefore());
                return new Occurrence(at, ZonedDateTime.of(generateAt, zone).toInstant(), generateAt.toLocalDate(),
                        at.toLocalDate());
            });
        }
    }

    /**
     * The occurrence to generate when a run is due at {@code now}: the latest one whose run time has
     * come, after {@code last} (the last generated). Occurrences missed in between are skipped, so a
     * server that was down for three periods sends one invoice, not three.
     */
    default Optional<Occurrence> dueAt(Instant now, LocalDateTime last, ZoneId zone) {
        Optional<Occurrence> due = Optional.empty();
        Optional<Occurrence> next = after(last, zone);
        while (next.isPresent() && !next.get().runAt().isAfter(now)) {
            due = next;
            next = after(next.get().at(), zone);
        }
        return due;
    }

    /** The first occurrence not yet past at {@code now} (its due moment is now or later), after {@code last}. */
    default Optional<Occurrence> upcoming(Instant now, LocalDateTime last, ZoneId zone) {
        LocalDateTime floor = LocalDateTime.ofInstant(now, zone).minusDays(1);
        LocalDateTime from = last == null || last.isBefore(floor) ? floor : last;
        Optional<Occurrence> next = after(from, zone);
        while (next.isPresent() && ZonedDateTime.of(next.get().at(), zone).toInstant().isBefore(now)) {
            next = after(next.get().at(), zone);
        }
        return next;
    }
}
