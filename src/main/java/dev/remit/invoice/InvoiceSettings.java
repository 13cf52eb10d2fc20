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
 * @param paperSize           remit's own: the PDF's paper, {@code A4} or {@code Letter} (unset: Letter in the
 *                            US, Canada and other Letter countries, A4 elsewhere)
 * @param paymentInstructions remit's own: how to pay other than online (bank transfer details, a cheque
 *                            address, free text), shown on the page, the PDF and the email of what is due
 * @param reminderSettings    HighLevel's ReminderSettingsDto: the reminders of every sent invoice that has none
 *                            of its own (docs/reminders.md)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceSettings(
        JsonNode businessDetails,
        SenderConfiguration senderConfiguration,
        String invoiceNumberPrefix,
        Integer dueAfterXDays,
        String termsNote,
        String title,
        String paperSize,
        String paymentInstructions,
        JsonNode reminderSettings) {

    /** Settings without reminders. */
    public InvoiceSettings(JsonNode businessDetails, SenderConfiguration senderConfiguration, String invoiceNumberPrefix,
            Integer dueAfterXDays, String termsNote, String title, String paperSize, String paymentInstructions) {
        this(businessDetails, senderConfiguration, invoiceNumberPrefix, dueAfterXDays, termsNote, title, paperSize,
                paymentInstructions, null);
    }

    public static final int PAYMENT_INSTRUCTIONS_MAX = 2000;
    public static final java.util.List<String> PAPER_SIZES = java.util.List.of("A4", "Letter");

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
                title == null ? DEFAULT_TITLE : title,
                paperSize,
                paymentInstructions,
                reminderSettings);
    }

    /** Each value of {@code changes} that is set replaces this one's. */
    public InvoiceSettings with(InvoiceSettings changes, JsonNode mergedBusinessDetails, SenderConfiguration mergedSender) {
        return new InvoiceSettings(mergedBusinessDetails, mergedSender,
                changes.invoiceNumberPrefix != null ? changes.invoiceNumberPrefix : invoiceNumberPrefix,
                changes.dueAfterXDays != null ? changes.dueAfterXDays : dueAfterXDays,
                changes.termsNote != null ? changes.termsNote : termsNote,
                changes.title != null ? changes.title : title,
                changes.paperSize != null ? changes.paperSize : paperSize,
                changes.paymentInstructions == null ? paymentInstructions
                        : changes.paymentInstructions.isBlank() ? null : changes.paymentInstructions.strip(),
                changes.reminderSettings != null ? changes.reminderSettings : reminderSettings);
    }

    public static InvoiceSettings empty() {
        return new InvoiceSettings(null, null, null, null, null, null, null, null);
    }
}
