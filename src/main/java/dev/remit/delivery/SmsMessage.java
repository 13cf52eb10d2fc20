package dev.remit.delivery;

import java.util.List;
import java.util.Objects;

/**
 * A text message to one number in E.164 form ({@code +15551234567}). The sending number is the
 * deployment's ({@code remit.sms.twilio.from-number} or its messaging service).
 */
public record SmsMessage(String locationId, String invoiceId, boolean sandbox, String to, String body)
        implements OutboundMessage {

    public SmsMessage {
        Objects.requireNonNull(locationId, "locationId");
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public List<String> recipients() {
        return to == null ? List.of() : List.of(to);
    }
}
