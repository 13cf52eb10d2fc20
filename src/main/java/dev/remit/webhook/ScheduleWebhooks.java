package dev.remit.webhook;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.remit.schedule.ScheduleCancelled;
import dev.remit.schedule.ScheduleCompleted;
import dev.remit.schedule.ScheduleCreated;
import dev.remit.schedule.ScheduleDeleted;
import dev.remit.schedule.ScheduleScheduled;
import dev.remit.schedule.ScheduleSnapshot;
import dev.remit.schedule.ScheduleUpdated;

/**
 * remit's schedule webhooks (an extension) from the schedule's domain events, as {@link InvoiceWebhooks}
 * does for invoices: synchronous, so each webhook and its delivery job commit with the change. The
 * payload is the schedule as GET /invoices/schedule/{scheduleId} answers; order is kept per schedule.
 */
@Component
class ScheduleWebhooks {

    private final WebhookService webhooks;

    ScheduleWebhooks(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(ScheduleCreated event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_CREATE, event.schedule());
    }

    @EventListener
    void on(ScheduleUpdated event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_UPDATE, event.schedule());
    }

    @EventListener
    void on(ScheduleScheduled event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_ACTIVE, event.schedule());
    }

    @EventListener
    void on(ScheduleCancelled event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_CANCEL, event.schedule());
    }

    @EventListener
    void on(ScheduleCompleted event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_COMPLETE, event.schedule());
    }

    @EventListener
    void on(ScheduleDeleted event) {
        queue(WebhookEvent.INVOICE_SCHEDULE_DELETE, event.schedule());
    }

    private void queue(WebhookEvent event, ScheduleSnapshot schedule) {
        webhooks.queue(event, schedule.locationId(), schedule.id(), schedule.liveMode(), schedule.view());
    }
}
