package dev.remit.invoice;

import java.math.BigDecimal;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A late fee applied to an invoice (docs/late-fees.md): its number on the invoice (1, 2, ...), the
 * time it fell due, when it was applied, how much, and the late-fees configuration it was applied by.
 */
public record LateFee(String locationId, String invoiceId, int number, BigDecimal amount, String currency,
        Instant dueAt, Instant appliedAt, JsonNode rule) {
}
