package dev.remit.delivery;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code remit.delivery.messages} (tags {@code channel}, {@code status}: queued when committed, then
 * sent, sandboxed or failed) and {@code remit.delivery.attempts} (tags {@code channel},
 * {@code outcome}: delivered, transient, permanent).
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void queued(Channel channel) {
        finished(channel, DeliveryStatus.QUEUED);
    }

    void finished(Channel channel, DeliveryStatus status) {
        Counter.builder("remit.delivery.messages").description("Outbound messages by channel and status")
                .tag("channel", channel.wire()).tag("status", status.wire()).register(registry).increment();
    }

    void attempt(Channel channel, Outcome outcome) {
        String kind = outcome instanceof Outcome.Delivered ? "delivered"
                : outcome instanceof Outcome.Transient ? "transient" : "permanent";
        Counter.builder("remit.delivery.attempts").description("Tries at delivering a message, by outcome")
                .tag("channel", channel.wire()).tag("outcome", kind).register(registry).increment();
    }
}
