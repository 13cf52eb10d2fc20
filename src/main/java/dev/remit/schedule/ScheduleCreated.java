package dev.remit.schedule;

import java.time.Instant;

/** A schedule was created (a draft). */
public record ScheduleCreated(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
