package dev.remit.template;

import java.math.BigDecimal;
import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * An invoice template: what a new invoice starts from. {@code document} holds its invoice parts as
 * stored (businessDetails, items with their ids, discount, termsNotes, title, tipsConfiguration,
 * lateFeesConfiguration, invoiceNumberPrefix, paymentMethods, attachments, miscellaneousCharges,
 * automaticTaxesEnabled, internal); {@code total} is computed from them as an invoice's total is.
 */
public record InvoiceTemplate(String id, String locationId, String name, String title, String currency,
        BigDecimal total, ObjectNode document, Instant createdAt, Instant updatedAt) {

    public InvoiceTemplate withDocument(ObjectNode next, String nextName, String nextTitle, String nextCurrency,
            BigDecimal nextTotal, Instant now) {
        return new InvoiceTemplate(id, locationId, nextName, nextTitle, nextCurrency, nextTotal, next, createdAt, now);
    }
}
