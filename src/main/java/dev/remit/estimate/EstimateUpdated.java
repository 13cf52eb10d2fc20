package dev.remit.estimate;

import java.time.Instant;
import java.time.LocalDate;

/** An estimate's content changed (update-estimate); its expiryDate may have moved. */
public record EstimateUpdated(String locationId, String estimateId, Instant occurredAt, LocalDate expiryDate,
        AutoInvoice autoInvoice, EstimateStatus status) {
}
