package dev.remit.delivery;

import java.util.List;

/**
 * What {@link DeliveryService#enqueue(OutboundMessage)} committed for one message: enough for a send
 * response's {@code emailData} / {@code smsData}.
 *
 * @param id the delivery's id (24 hex characters), the key of the delivery log and the task
 * @param messageId the stable message id: the email's Message-ID ({@code <id@domain>}), or the id for an SMS
 * @param recipients everyone it goes to
 * @param status {@code queued} at first
 * @param sandboxed true when it will only be written to the outbox (liveMode false)
 */
public record Queued(String id, Channel channel, String messageId, List<String> recipients, DeliveryStatus status,
        boolean sandboxed) {
}
