package dev.remit.schedule;

import java.time.Instant;

/** A schedule was cancelled: no more invoices are generated. */
public record ScheduleCancelled(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule) {
}
