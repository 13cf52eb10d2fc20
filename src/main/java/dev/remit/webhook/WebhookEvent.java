package dev.remit.webhook;

import java.util.Arrays;
import java.util.Optional;

/** HighLevel's seven invoice webhook events, by the {@code type} their payload carries. */
public enum WebhookEvent {
    INVOICE_CREATE("InvoiceCreate"),
    INVOICE_UPDATE("InvoiceUpdate"),
    INVOICE_DELETE("InvoiceDelete"),
    INVOICE_SENT("InvoiceSent"),
    INVOICE_PAID("InvoicePaid"),
    INVOICE_PARTIALLY_PAID("InvoicePartiallyPaid"),
    INVOICE_VOID("InvoiceVoid");

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }
}
