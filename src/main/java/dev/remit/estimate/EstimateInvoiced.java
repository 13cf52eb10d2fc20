package dev.remit.estimate;

import java.time.Instant;

/**
 * An invoice was made from the estimate ({@code invoiceId}), or a linked estimate was marked invoiced;
 * {@code markedInvoiced} says whether its status is now invoiced.
 */
public record EstimateInvoiced(String locationId, String estimateId, Instant occurredAt, String invoiceId,
        boolean markedInvoiced) {
}
