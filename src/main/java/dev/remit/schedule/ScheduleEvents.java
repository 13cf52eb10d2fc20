package dev.remit.schedule;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes a schedule's domain events with the schedule as GET answers it. Called inside the
 * transaction that makes the change, after the write, so synchronous listeners commit with it.
 */
@Component
class ScheduleEvents {

    /** The constructor of one of the schedule events (ScheduleCreated::new, ...) without its first two values. */
    interface Kind {
        Object of(String locationId, String scheduleId, Instant occurredAt, ScheduleSnapshot schedule);
    }

    private final ApplicationEventPublisher events;
    private final ScheduleViews views;
    private final ScheduleRepository repository;

    ScheduleEvents(ApplicationEventPublisher events, ScheduleViews views, ScheduleRepository repository) {
        this.events = events;
        this.views = views;
        this.repository = repository;
    }

    ScheduleSnapshot snapshot(InvoiceSchedule schedule) {
        ScheduleService.Loaded loaded = new ScheduleService.Loaded(schedule,
                repository.invoiceIds(schedule.locationId(), schedule.id()));
        return new ScheduleSnapshot(schedule.id(), schedule.locationId(), schedule.liveMode(), schedule.status().wire(),
                views.view(loaded));
    }

    void publish(Kind kind, InvoiceSchedule schedule, Instant now) {
        publish(kind, snapshot(schedule), now);
    }

    void publish(Kind kind, ScheduleSnapshot snapshot, Instant now) {
        events.publishEvent(kind.of(snapshot.locationId(), snapshot.id(), now, snapshot));
    }

    /** Publishes ScheduleCompleted when the change moved the schedule from {@code before} to completed. */
    void completedIf(ScheduleStatus before, InvoiceSchedule schedule, Instant now) {
        if (before != ScheduleStatus.COMPLETED && schedule.status() == ScheduleStatus.COMPLETED) {
            publish(ScheduleCompleted::new, schedule, now);
        }
    }
}
