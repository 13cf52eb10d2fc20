package dev.remit.estimate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.remit.invoice.Discount;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Money;
import dev.remit.invoice.SmsPhones;
import dev.remit.invoice.Totals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a caller writes on an estimate (create and update), validated and with its defaults applied:
 * the content of an invoice (items with taxes, discount, details, terms, title, charges) plus what is
 * an estimate's own. Nested documents are kept as JSON, as sent.
 *
 * @param expiryDate        the last day the customer may accept it (in the location's time zone)
 * @param frequencySettings as sent ({@code enabled}, {@code schedule}): an estimate for recurring work
 * @param charges           Σ of miscellaneousCharges.paidCharges[].amount, added to the total
 * @param extras            attachments, meta, sendEstimateDetails, userId, the items' attachments, as sent
 * @param smsPhones         the contact's and sentTo's phone numbers in E.164
 */
public record EstimateContent(
        String name,
        String title,
        String currency,
        LocalDate issueDate,
        LocalDate expiryDate,
        List<LineItem> items,
        Discount discount,
        String termsNotes,
        String estimateNumberPrefix,
        boolean liveMode,
        boolean automaticTaxesEnabled,
        JsonNode businessDetails,
        JsonNode contactDetails,
        JsonNode sentTo,
        JsonNode frequencySettings,
        AutoInvoice autoInvoice,
        JsonNode paymentScheduleConfig,
        JsonNode miscellaneousCharges,
        BigDecimal charges,
        ObjectNode extras,
        SmsPhones smsPhones) {

    public EstimateContent {
        items = List.copyOf(items);
        discount = discount == null ? Discount.none() : discount;
        charges = charges == null ? BigDecimal.ZERO : charges;
        autoInvoice = autoInvoice == null ? AutoInvoice.off() : autoInvoice;
        smsPhones = smsPhones == null ? new SmsPhones(null, List.of()) : smsPhones;
    }

    /** The figures, by the invoice's one money rule (docs/money.md). */
    public Totals totals() {
        return Totals.compute(Money.currencyOrThrow(currency), items, discount, charges);
    }

    public String contactText(String field) {
        JsonNode value = contactDetails == null ? null : contactDetails.get(field);
        return value == null || !value.isString() || value.asString().isEmpty() ? null : value.asString();
    }

    EstimateContent withLiveMode(boolean live) {
        return new EstimateContent(name, title, currency, issueDate, expiryDate, items, discount, termsNotes,
                estimateNumberPrefix, live, automaticTaxesEnabled, businessDetails, contactDetails, sentTo,
                frequencySettings, autoInvoice, paymentScheduleConfig, miscellaneousCharges, charges, extras, smsPhones);
    }
}
