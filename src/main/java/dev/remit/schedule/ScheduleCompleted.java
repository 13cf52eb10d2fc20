package dev.remit.schedule;

import java.time.Instant;

/** A schedule generated its last invoice (or its timing has no occurrence left). */
public record ScheduleCompleted(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
