package dev.remit.invoice;

import java.util.Locale;

/** How an invoice goes out when it is sent (the send request's {@code action}). */
public enum SendAction {
    SMS_AND_EMAIL, SEND_MANUALLY, EMAIL, SMS;

    public static SendAction fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean email() {
        return this == SMS_AND_EMAIL || this == EMAIL;
    }

    public boolean sms() {
        return this == SMS_AND_EMAIL || this == SMS;
    }
}
