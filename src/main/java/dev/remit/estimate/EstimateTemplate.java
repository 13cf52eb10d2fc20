package dev.remit.estimate;

import java.math.BigDecimal;
import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * An estimate template: what a new estimate starts from. {@code document} holds its estimate parts as
 * sent (businessDetails, items, discount, termsNotes, liveMode, automaticTaxesEnabled, meta,
 * sendEstimateDetails, estimateNumberPrefix, attachments, miscellaneousCharges); {@code total} is
 * computed from them as an estimate's total is.
 */
public record EstimateTemplate(String id, String locationId, String name, String title, String currency,
        BigDecimal total, ObjectNode document, Instant createdAt, Instant updatedAt) {
}
