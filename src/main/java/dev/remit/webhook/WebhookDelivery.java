package dev.remit.webhook;

import java.time.Instant;

/**
 * One webhook for one subscription: its log line. {@code webhookId} is the payload's, the same on every
 * attempt (and on a replay); {@code seq} orders an invoice's webhooks to one subscription.
 */
public record WebhookDelivery(String id, String webhookId, String subscriptionId, String locationId, String invoiceId,
        String eventType, long seq, boolean liveMode, Status status, int attempts, Integer lastStatus, String lastError,
        Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt, String replayOf) {

    /** Where a webhook is. */
    public enum Status {
        /** waiting for its next attempt (or for an earlier webhook of the same invoice) */
        QUEUED,
        /** the receiver answered 2xx */
        DELIVERED,
        /** given up: a 4xx other than 429, a refused address, or the retry horizon passed */
        FAILED,
        /** its subscription is disabled: sent once it is enabled again */
        PAUSED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
