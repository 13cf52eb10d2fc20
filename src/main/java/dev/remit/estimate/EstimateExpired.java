package dev.remit.estimate;

import java.time.Instant;
import java.time.LocalDate;

/** An open estimate passed its expiryDate and was recorded expired. */
public record EstimateExpired(String locationId, String estimateId, Instant occurredAt, LocalDate expiryDate) {
}
