package dev.remit.invoice;

import java.math.BigDecimal;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * An invoice as it was when an event happened: immutable, serializable with Jackson (the event
 * publication registry stores it), and enough to answer with the invoice in HighLevel's shape even
 * after the row is gone ({@link #toInvoice()}).
 */
public record InvoiceSnapshot(String id, String locationId, String invoiceNumber, String publicToken,
        InvoiceContent content, InvoiceStatus status, BigDecimal total, BigDecimal amountPaid, BigDecimal amountDue,
        JsonNode autoPayment, Instant lastVisitedAt, int visitCount, Instant sentAt, Instant voidedAt, long version,
        Instant createdAt, Instant updatedAt) {

    static InvoiceSnapshot of(Invoice invoice) {
        return new InvoiceSnapshot(invoice.id(), invoice.locationId(), invoice.invoiceNumber(), invoice.publicToken(),
                invoice.content(), invoice.status(), invoice.totals().total(), invoice.amountPaid(),
                invoice.amountDue(), invoice.autoPayment() == null ? null : invoice.autoPayment().deepCopy(),
                invoice.lastVisitedAt(), invoice.visitCount(), invoice.sentAt(), invoice.voidedAt(), invoice.version(),
                invoice.createdAt(), invoice.updatedAt());
    }

    /** A detached invoice with this state, for rendering; saving it is not possible outside this module. */
    public Invoice toInvoice() {
        return new Invoice(id, locationId, invoiceNumber, publicToken, content, status, amountPaid, autoPayment,
                lastVisitedAt, visitCount, sentAt, voidedAt, version, createdAt, updatedAt);
    }

    /** The number as customers read it: the invoice's prefix, then its number. */
    public String displayNumber() {
        String prefix = content.invoiceNumberPrefix();
        return (prefix == null ? "" : prefix) + invoiceNumber;
    }
}
