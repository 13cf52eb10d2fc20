package dev.remit.estimate;

import java.time.Instant;

/** The customer opened a sent estimate for the first time: it is viewed. */
public record EstimateViewed(String locationId, String estimateId, Instant occurredAt) {
}
