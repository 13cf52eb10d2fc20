package dev.remit.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One line of the delivery log.
 *
 * @param to the primary recipients (an SMS has one)
 * @param cc an email's Cc (empty otherwise)
 * @param bcc an email's Bcc (empty otherwise)
 * @param attempts tries so far (a try cut short by a crash counts)
 * @param lastError the last failure, short and without secrets; null once sent
 * @param providerId Twilio's message SID, the SMTP server's queue id (or its answer), or the outbox file
 * @param nextAttemptAt when a queued message that failed transiently is tried again
 */
public record Delivery(
        String id,
        String locationId,
        String invoiceId,
        Channel channel,
        String messageId,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        DeliveryStatus status,
        boolean sandboxed,
        int attempts,
        String lastError,
        String providerId,
        Instant queuedAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant sentAt) {
}
