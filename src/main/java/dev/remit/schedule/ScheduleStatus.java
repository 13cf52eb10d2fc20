package dev.remit.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A schedule's status; the transitions are {@link InvoiceSchedule}'s (docs/schedules.md). */
public enum ScheduleStatus {
    DRAFT, ACTIVE, COMPLETED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }

    public static Optional<ScheduleStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(ScheduleStatus::wire).toList();
    }
}
