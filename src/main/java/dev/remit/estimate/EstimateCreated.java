package dev.remit.estimate;

import java.time.Instant;
import java.time.LocalDate;

/** A draft estimate was created (create-new-estimate). {@code expiryDate} is the last day it may be accepted. */
public record EstimateCreated(String locationId, String estimateId, Instant occurredAt, LocalDate expiryDate,
        AutoInvoice autoInvoice, EstimateStatus status) {
}
