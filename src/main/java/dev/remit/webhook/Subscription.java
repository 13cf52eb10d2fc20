package dev.remit.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A location's webhook subscription: where to post and which events. {@code hmacSecret} (optional)
 * adds an HMAC signature beside the RSA one; a disabled subscription keeps its webhooks until enabled.
 */
public record Subscription(String id, String locationId, String url, List<WebhookEvent> events, String hmacSecret,
        boolean enabled, String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt) {

    public Subscription {
        events = List.copyOf(events);
    }

    public boolean wants(WebhookEvent event) {
        return events.contains(event);
    }
}
