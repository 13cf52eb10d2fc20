package dev.remit.estimate;

import java.time.Instant;

/**
 * The estimate was accepted, once (accepting it again publishes nothing). {@code acceptedBy} is the name
 * the customer typed; {@code autoInvoice} says whether to make (and send) the invoice now.
 */
public record EstimateAccepted(String locationId, String estimateId, Instant occurredAt, String acceptedBy,
        AutoInvoice autoInvoice) {
}
