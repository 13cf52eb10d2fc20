package dev.remit.delivery;

import java.util.Locale;

/** How a message travels. */
public enum Channel {
    EMAIL, SMS;

    /** The name in the database, the API and metrics: {@code email}, {@code sms}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Channel fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
