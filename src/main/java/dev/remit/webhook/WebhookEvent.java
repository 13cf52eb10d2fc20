package dev.remit.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The webhook events, by the {@code type} their payload carries: HighLevel's seven invoice events and
 * remit's own schedule events (an extension, docs/webhooks.md), named in HighLevel's style.
 */
public enum WebhookEvent {
    INVOICE_CREATE("InvoiceCreate", true),
    INVOICE_UPDATE("InvoiceUpdate", true),
    INVOICE_DELETE("InvoiceDelete", true),
    INVOICE_SENT("InvoiceSent", true),
    INVOICE_PAID("InvoicePaid", true),
    INVOICE_PARTIALLY_PAID("InvoicePartiallyPaid", true),
    INVOICE_VOID("InvoiceVoid", true),
    INVOICE_SCHEDULE_CREATE("InvoiceScheduleCreate", false),
    INVOICE_SCHEDULE_UPDATE("InvoiceScheduleUpdate", false),
    INVOICE_SCHEDULE_ACTIVE("InvoiceScheduleActive", false),
    INVOICE_SCHEDULE_CANCEL("InvoiceScheduleCancel", false),
    INVOICE_SCHEDULE_COMPLETE("InvoiceScheduleComplete", false),
    INVOICE_SCHEDULE_DELETE("InvoiceScheduleDelete", false);

    private final String type;
    private final boolean highLevel;

    WebhookEvent(String type, boolean highLevel) {
        this.type = type;
        this.highLevel = highLevel;
    }

    public String type() {
        return type;
    }

    /** One of HighLevel's own events (false: a remit extension). */
    public boolean highLevel() {
        return highLevel;
    }

    /** HighLevel's seven invoice events: what a subscription gets when it names none (admin command line). */
    public static List<WebhookEvent> highLevelEvents() {
        return Arrays.stream(values()).filter(WebhookEvent::highLevel).toList();
    }

    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }
}
