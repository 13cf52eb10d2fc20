package dev.remit.invoice;

import java.time.Instant;

/**
 * An invoice was sent (or sent again, or a copy of a paid one).
 *
 * @param kind        first send, a reminder of an open invoice, or a copy of a paid one
 * @param autoPayment the send's {@code autoPayment} when it had one (with {@code enable: false} it turned
 *                    auto-payment off); null when the send said nothing about it
 */
public record InvoiceSent(String locationId, String invoiceId, Instant occurredAt, Invoice.SendKind kind,
        boolean liveMode, SendAction action, AutoPayment autoPayment, InvoiceSnapshot invoice) {
}
