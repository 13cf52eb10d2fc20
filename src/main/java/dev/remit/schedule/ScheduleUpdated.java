package dev.remit.schedule;

import java.time.Instant;

/** A schedule's content, timing or payment method was changed. */
public record ScheduleUpdated(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
