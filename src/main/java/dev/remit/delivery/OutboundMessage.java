package dev.remit.delivery;

import java.util.List;

/**
 * A message for {@link DeliveryService#enqueue(OutboundMessage)}: an email or an SMS, on behalf of
 * a location and usually about one of its invoices. With {@code sandbox} true (an invoice sent with
 * {@code liveMode: false}) nothing leaves the machine: the message is written to the file outbox
 * even when SMTP or Twilio are configured, and the delivery log says {@code sandboxed}.
 */
public sealed interface OutboundMessage permits EmailMessage, SmsMessage {

    String locationId();

    /** The invoice the message is about; null for a message about no invoice. */
    String invoiceId();

    boolean sandbox();

    Channel channel();

    /** Everyone the message goes to, in order, without duplicates. */
    List<String> recipients();
}
