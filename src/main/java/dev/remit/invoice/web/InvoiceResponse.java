package dev.remit.invoice.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.modulith.NamedInterface;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.invoice.Discount;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Totals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An invoice as HighLevel writes it (the seed's shape): the spec's invoice response properties, and what
 * the invoice keeps of the request as it was sent (the schemas allow more properties). Amounts go out by
 * the one money rule (MoneyJson); absent values are left out. get-invoice and list-invoices add
 * {@code totalSummary}; get-invoice also {@code invoiceUrl}. Part of the module's {@code web} interface:
 * send answers with it, and it is "the invoice in the shape GET returns" for anyone who needs that.
 */
@NamedInterface("web")
public record InvoiceResponse(
        @JsonProperty("_id") String id,
        String status,
        boolean liveMode,
        BigDecimal amountPaid,
        String altId,
        String altType,
        String name,
        JsonNode businessDetails,
        String invoiceNumber,
        String currency,
        JsonNode contactDetails,
        String issueDate,
        String dueDate,
        Discount discount,
        List<LineItem> invoiceItems,
        BigDecimal total,
        String title,
        BigDecimal amountDue,
        String createdAt,
        String updatedAt,
        boolean automaticTaxesEnabled,
        boolean automaticTaxesCalculated,
        JsonNode paymentSchedule,
        String termsNotes,
        String invoiceNumberPrefix,
        JsonNode sentTo,
        JsonNode miscellaneousCharges,
        JsonNode description,
        JsonNode lateFeesConfiguration,
        JsonNode tipsConfiguration,
        JsonNode paymentMethods,
        JsonNode attachments,
        JsonNode xeroDetails,
        JsonNode autoPayment,
        String sentAt,
        String lastVisitedAt,
        int visitCount,
        TotalSummary totalSummary,
        String invoiceUrl) {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code lateFees}: remit's addition, the late fees applied (docs/late-fees.md); left out when there are none. */
    public record TotalSummary(BigDecimal subTotal, BigDecimal discount, BigDecimal tax, BigDecimal lateFees) {
    }

    /** The invoice as create, update, delete, void, record-payment and send answer it. */
    public static InvoiceResponse of(Invoice invoice) {
        InvoiceContent c = invoice.content();
        JsonNode extras = c.extras() == null ? JsonNodeFactory.instance.objectNode() : c.extras();
        return new InvoiceResponse(invoice.id(), invoice.status().wire(), c.liveMode(), invoice.amountPaid(),
                invoice.locationId(), "location", c.name(), orEmpty(c.businessDetails()), invoice.invoiceNumber(),
                c.currency(), orEmpty(c.contactDetails()), c.issueDate().toString(),
                (c.dueDate() == null ? c.issueDate() : c.dueDate()).toString(), c.discount(), c.items(),
                invoice.totals().total(), c.title(), invoice.amountDue(), timestamp(invoice.createdAt()),
                timestamp(invoice.updatedAt()), c.automaticTaxesEnabled(), false, orEmpty(c.paymentSchedule()),
                c.termsNotes(), c.invoiceNumberPrefix(), present(c.sentTo()), present(c.miscellaneousCharges()),
                present(extras.get("description")), present(extras.get("lateFeesConfiguration")),
                present(extras.get("tipsConfiguration")), present(extras.get("paymentMethods")),
                present(extras.get("attachments")), present(extras.get("xeroDetails")), present(invoice.autoPayment()),
                timestamp(invoice.sentAt()),
                timestamp(invoice.lastVisitedAt()), invoice.visitCount(), null, null);
    }

    /** As get-invoice and list-invoices answer it: with the totals' summary. */
    public static InvoiceResponse withSummary(Invoice invoice) {
        Totals totals = invoice.totals();
        return of(invoice).with(new TotalSummary(totals.subTotal(), totals.discount(), totals.tax(),
                totals.lateFees().signum() > 0 ? totals.lateFees() : null), null);
    }

    /** With remit's addition to get-invoice: the public page (a draft's being its preview). */
    public InvoiceResponse withInvoiceUrl(String url) {
        return with(totalSummary, url);
    }

    private InvoiceResponse with(TotalSummary summary, String url) {
        return new InvoiceResponse(id, status, liveMode, amountPaid, altId, altType, name, businessDetails, invoiceNumber,
                currency, contactDetails, issueDate, dueDate, discount, invoiceItems, total, title, amountDue, createdAt,
                updatedAt, automaticTaxesEnabled, automaticTaxesCalculated, paymentSchedule, termsNotes,
                invoiceNumberPrefix, sentTo, miscellaneousCharges, description, lateFeesConfiguration, tipsConfiguration,
                paymentMethods, attachments, xeroDetails, autoPayment, sentAt, lastVisitedAt, visitCount, summary, url);
    }

    /** An instant as HighLevel writes it: {@code 2026-11-24T10:15:30.000Z}; null stays null. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }
}
