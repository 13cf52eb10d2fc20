package dev.remit.delivery;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;

/**
 * The one job behind delivery: {@value #NAME}, one instance per message, its instance id the
 * delivery id. A transient failure is tried again by the retry policy of {@code remit.delivery.*}
 * until its horizon; then the message is marked failed.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryJob {

    static final String NAME = "deliver-message";

    /** The job's data: which message of which location. */
    record DeliverMessage(String locationId, String deliveryId) {
    }

    @Bean
    Job<DeliverMessage> deliverMessage(DeliveryWorker worker, DeliveryProperties properties, Clock clock) {
        return Job.named(NAME, DeliverMessage.class)
                .retry(properties.retryPolicy())
                .onExhausted(worker::giveUp)
                .handledBy(worker::deliver, clock);
    }
}
