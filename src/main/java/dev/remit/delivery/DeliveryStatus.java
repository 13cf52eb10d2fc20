package dev.remit.delivery;

import java.util.Locale;

/**
 * Where a message is: {@code queued} (waiting, or between retries), {@code sent} (handed to the SMTP
 * server or Twilio, or written to the outbox when the channel is not configured), {@code failed}
 * (permanently, or retried past the horizon), {@code sandboxed} (written to the outbox because it
 * was sent in test mode).
 */
public enum DeliveryStatus {
    QUEUED, SENT, FAILED, SANDBOXED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this != QUEUED;
    }
}
