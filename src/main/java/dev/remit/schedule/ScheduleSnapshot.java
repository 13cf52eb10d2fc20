package dev.remit.schedule;

import tools.jackson.databind.node.ObjectNode;

/**
 * A schedule as its domain event saw it: {@code view} is the schedule in the shape GET
 * /invoices/schedule/{scheduleId} answers (a copy of its own: listeners may read it after the change).
 */
public record ScheduleSnapshot(String id, String locationId, boolean liveMode, String status, ObjectNode view) {

    public ScheduleSnapshot {
        view = view.deepCopy();
    }

    /** The view, as a copy the caller may change. */
    @Override
    public ObjectNode view() {
        return view.deepCopy();
    }
}
