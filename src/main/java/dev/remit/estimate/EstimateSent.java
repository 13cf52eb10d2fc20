package dev.remit.estimate;

import java.time.Instant;
import java.time.LocalDate;

/** An estimate was sent (or sent again) to its customer. */
public record EstimateSent(String locationId, String estimateId, Instant occurredAt, LocalDate expiryDate,
        boolean liveMode) {
}
