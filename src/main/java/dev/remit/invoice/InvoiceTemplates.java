package dev.remit.invoice;

import java.util.Optional;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where a new invoice's defaults come from when create-invoice names a {@code templateId} (remit's
 * extension, docs/templates.md). Implemented by the template capability, so invoices do not depend on it.
 */
public interface InvoiceTemplates {

    /**
     * The create-invoice body properties the location's template holds (items without ids, businessDetails,
     * currency, discount, termsNotes, title, lateFeesConfiguration, paymentMethods, tipsConfiguration, ...),
     * or empty when the location has no such template.
     */
    Optional<ObjectNode> createBody(String locationId, String templateId);
}
