package dev.remit.webhook;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;

/**
 * The job behind webhooks: {@value #NAME}, one instance per webhook and subscription, its instance id
 * the delivery's id. Retried by the policy of {@code remit.webhooks.*} (default horizon 3 days). The
 * worker is looked up when a try runs, so the admin command line can schedule without one.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookJob {

    static final String NAME = "deliver-webhook";

    /** The job's data: which webhook of which location. */
    public record DeliverWebhook(String locationId, String deliveryId) {
    }

    @Bean
    Job<DeliverWebhook> deliverWebhook(ObjectProvider<WebhookWorker> worker, WebhookProperties properties, Clock clock) {
        return Job.named(NAME, DeliverWebhook.class)
                .retry(properties.retryPolicy())
                .onExhausted((data, reason) -> worker.getObject().exhausted(data, reason))
                .handledBy((data, run) -> worker.getObject().deliver(data, run), clock);
    }
}
