package dev.remit.invoice;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A location's invoice settings (GET /invoices/settings): defaults for new invoices and who sends them.
 *
 * @param businessDetails     default businessDetails of new invoices ({name, logoUrl, phoneNo, address, website})
 * @param senderConfiguration {fromName, fromEmail} used when invoices are emailed
 * @param invoiceNumberPrefix default prefix of new invoices' numbers
 * @param dueAfterXDays       a new invoice without dueDate is due this many days after its issueDate
 * @param termsNote           default terms of new invoices
 * @param title               default title of new invoices
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceSettings(
        JsonNode businessDetails,
        SenderConfiguration senderConfiguration,
        String invoiceNumberPrefix,
        Integer dueAfterXDays,
        String termsNote,
        String title) {

    public static final String DEFAULT_PREFIX = "INV-";
    public static final String DEFAULT_TITLE = "INVOICE";
    public static final int DEFAULT_DUE_AFTER_DAYS = 30;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SenderConfiguration(String fromName, String fromEmail) {
    }

    /** Unset values replaced by remit's defaults. */
    public InvoiceSettings withDefaults(JsonNode defaultBusinessDetails) {
        return new InvoiceSettings(
                businessDetails == null ? defaultBusinessDetails : businessDetails,
                senderConfiguration == null ? new SenderConfiguration(null, null) : senderConfiguration,
                invoiceNumberPrefix == null ? DEFAULT_PREFIX : invoiceNumberPrefix,
                dueAfterXDays == null ? DEFAULT_DUE_AFTER_DAYS : dueAfterXDays,
                termsNote,
                title == null ? DEFAULT_TITLE : title);
    }

    public static InvoiceSettings empty() {
        return new InvoiceSettings(null, null, null, null, null, null);
    }
}
