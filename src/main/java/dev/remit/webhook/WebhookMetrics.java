package dev.remit.webhook;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code remit.webhooks.webhooks} (tags {@code event}, {@code status}: queued when committed, then
 * delivered or failed), {@code remit.webhooks.attempts} (tag {@code outcome}: delivered, transient,
 * permanent) and {@code remit.webhooks.disabled} (subscriptions disabled for failing).
 */
@Component
public class WebhookMetrics {

    private final MeterRegistry registry;

    WebhookMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    void webhook(String event, WebhookDelivery.Status status) {
        Counter.builder("remit.webhooks.webhooks").description("Webhooks by event and status")
                .tag("event", event).tag("status", status.wire()).register(registry).increment();
    }

    void attempt(WebhookHttp.Outcome outcome) {
        String kind = outcome instanceof WebhookHttp.Outcome.Delivered ? "delivered"
                : outcome instanceof WebhookHttp.Outcome.Transient ? "transient" : "permanent";
        Counter.builder("remit.webhooks.attempts").description("Tries at delivering a webhook, by outcome")
                .tag("outcome", kind).register(registry).increment();
    }

    void disabled() {
        Counter.builder("remit.webhooks.disabled").description("Subscriptions disabled after failing")
                .register(registry).increment();
    }
}
