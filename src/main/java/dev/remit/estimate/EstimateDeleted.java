package dev.remit.estimate;

import java.time.Instant;

/** An estimate was deleted (delete-estimate); its expiry no longer matters. */
public record EstimateDeleted(String locationId, String estimateId, Instant occurredAt) {
}
