package dev.remit.schedule;

import java.time.Instant;

/** A schedule was deleted; the snapshot is the schedule as it was before. */
public record ScheduleDeleted(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
