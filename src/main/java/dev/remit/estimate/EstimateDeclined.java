package dev.remit.estimate;

import java.time.Instant;

/** The estimate was declined, with the customer's reason when they gave one. */
public record EstimateDeclined(String locationId, String estimateId, Instant occurredAt, String reason) {
}
