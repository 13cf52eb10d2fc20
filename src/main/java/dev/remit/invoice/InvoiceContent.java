package dev.remit.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a caller writes on an invoice (create and update), already validated (dates parsed). Nested
 * documents are kept as JSON, as sent: phone numbers too, with their E.164 form in {@code smsPhones}.
 *
 * @param charges   the miscellaneous charges added to the total (Σ of miscellaneousCharges.paidCharges[].amount)
 * @param extras    description, lateFeesConfiguration, tipsConfiguration, paymentMethods, attachments,
 *                  xeroDetails as sent
 * @param smsPhones the contact's and sentTo's phone numbers in E.164
 */
public record InvoiceContent(
        String name,
        String title,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate,
        List<LineItem> items,
        Discount discount,
        String termsNotes,
        String invoiceNumberPrefix,
        boolean liveMode,
        boolean automaticTaxesEnabled,
        JsonNode businessDetails,
        JsonNode contactDetails,
        JsonNode sentTo,
        JsonNode paymentSchedule,
        JsonNode miscellaneousCharges,
        BigDecimal charges,
        ObjectNode extras,
        SmsPhones smsPhones) {

    public InvoiceContent {
        items = List.copyOf(items);
        discount = discount == null ? Discount.none() : discount;
        charges = charges == null ? BigDecimal.ZERO : charges;
        smsPhones = smsPhones == null ? SmsPhones.asWritten(contactDetails, sentTo) : smsPhones;
    }

    /** Content whose phone numbers are already in E.164 where they are written. */
    public InvoiceContent(String name, String title, String currency, LocalDate issueDate, LocalDate dueDate,
            List<LineItem> items, Discount discount, String termsNotes, String invoiceNumberPrefix, boolean liveMode,
            boolean automaticTaxesEnabled, JsonNode businessDetails, JsonNode contactDetails, JsonNode sentTo,
            JsonNode paymentSchedule, JsonNode miscellaneousCharges, BigDecimal charges, ObjectNode extras) {
        this(name, title, currency, issueDate, dueDate, items, discount, termsNotes, invoiceNumberPrefix, liveMode,
                automaticTaxesEnabled, businessDetails, contactDetails, sentTo, paymentSchedule, miscellaneousCharges,
                charges, extras, null);
    }

    public InvoiceContent withLiveMode(boolean live) {
        return new InvoiceContent(name, title, currency, issueDate, dueDate, items, discount, termsNotes,
                invoiceNumberPrefix, live, automaticTaxesEnabled, businessDetails, contactDetails, sentTo,
                paymentSchedule, miscellaneousCharges, charges, extras, smsPhones);
    }

    public String contactText(String field) {
        JsonNode value = contactDetails == null ? null : contactDetails.get(field);
        return value == null || !value.isString() || value.asString().isEmpty() ? null : value.asString();
    }
}
