package dev.remit.schedule;

import java.time.Instant;

/** A schedule was started (schedule, updateAndSchedule): it is active and its next invoice is planned. */
public record ScheduleScheduled(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
