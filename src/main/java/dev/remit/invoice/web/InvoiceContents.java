package dev.remit.invoice.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

import dev.remit.api.ApiException;
import dev.remit.api.IsoDate;
import dev.remit.invoice.Discount;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Money;
import dev.remit.invoice.Phones;
import dev.remit.invoice.SmsPhones;
import dev.remit.invoice.Totals;
import dev.remit.invoice.web.InvoiceRequests.CreateInvoice;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.UpdateInvoice;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a bound and validated invoice body into {@link InvoiceContent}: the settings' defaults for what a
 * create leaves out, the stored values for what an update leaves out, phone numbers in E.164 for SMS.
 * Every rule is a constraint of the request records; the one left here needs the stored invoice (a fixed
 * discount kept from before may not exceed the new lines). Part of the {@code web} interface: text2pay
 * builds its invoice the same way.
 */
@Component
@NamedInterface("web")
public class InvoiceContents {

    private final ObjectMapper json;

    public InvoiceContents(ObjectMapper json) {
        this.json = json;
    }

    public InvoiceContent fromCreate(CreateInvoice body, Location location, InvoiceSettings settings) {
        LocalDate issue = date(body.issueDate());
        LocalDate due = body.dueDate() == null ? issue.plusDays(settings.dueAfterXDays()) : date(body.dueDate());
        ObjectNode business = settings.businessDetails() instanceof ObjectNode defaults ? defaults.deepCopy()
                : json.createObjectNode();
        if (body.businessDetails() != null) {
            business.setAll((ObjectNode) json.valueToTree(body.businessDetails()));
        }
        ObjectNode extras = json.createObjectNode();
        put(extras, "lateFeesConfiguration", tree(body.lateFeesConfiguration()));
        put(extras, "tipsConfiguration", tree(body.tipsConfiguration()));
        put(extras, "paymentMethods", tree(body.paymentMethods()));
        put(extras, "attachments", tree(body.attachments()));
        put(extras, "remindersConfiguration", tree(body.remindersConfiguration()));
        return new InvoiceContent(body.name(), body.title() == null ? settings.title() : body.title(), body.currency(),
                issue, due, lineItems(body.items()), discount(body.discount()),
                body.termsNotes() == null ? settings.termsNote() : body.termsNotes(),
                body.invoiceNumberPrefix() == null ? settings.invoiceNumberPrefix() : body.invoiceNumberPrefix(),
                body.liveMode(), Boolean.TRUE.equals(body.automaticTaxesEnabled()), business,
                contactDetails(body.contactDetails()), tree(body.sentTo()), tree(body.paymentSchedule()),
                tree(body.miscellaneousCharges()), charges(body.miscellaneousCharges()), extras,
                new SmsPhones(contactPhone(body.contactDetails(), location), sentToPhones(body.sentTo(), location)));
    }

    /** The content after a PUT: properties sent replace the stored ones, those left out stay as they were. */
    public InvoiceContent fromUpdate(UpdateInvoice body, InvoiceContent current, Location location) {
        return fromUpdate(body, null, null, current, location);
    }

    /** As {@link #fromUpdate(UpdateInvoice, InvoiceContent, Location)}, with text2pay's sentTo and late fees. */
    public InvoiceContent fromUpdate(UpdateInvoice body, InvoiceRequests.SentTo sentToBody,
            InvoiceRequests.LateFeesConfiguration lateFees, InvoiceContent current, Location location) {
        List<LineItem> items = lineItems(body.invoiceItems());
        Discount discount = body.discount() == null ? current.discount() : discount(body.discount());
        if (body.discount() == null) {
            requireDiscountBase(discount, items, body.currency());
        }
        JsonNode business = body.businessDetails() == null ? current.businessDetails() : tree(body.businessDetails());
        JsonNode contact = current.contactDetails();
        String contactPhone = current.smsPhones().contact();
        if (body.contactDetails() != null) {
            contact = contactDetails(body.contactDetails());
            contactPhone = contactPhone(body.contactDetails(), location);
        }
        JsonNode sentTo = sentToBody == null ? current.sentTo() : tree(sentToBody);
        List<String> sentToPhones = sentToBody == null ? current.smsPhones().sentTo() : sentToPhones(sentToBody, location);
        if (body.contactId() != null && contact instanceof ObjectNode object) {
            contact = object.deepCopy().put("id", body.contactId());
        }
        ObjectNode extras = current.extras() == null ? json.createObjectNode() : current.extras().deepCopy();
        put(extras, "description", tree(body.description()));
        put(extras, "lateFeesConfiguration", tree(lateFees));
        put(extras, "tipsConfiguration", tree(body.tipsConfiguration()));
        put(extras, "paymentMethods", tree(body.paymentMethods()));
        put(extras, "xeroDetails", body.xeroDetails());
        put(extras, "attachments", tree(body.attachments()));
        put(extras, "remindersConfiguration", tree(body.remindersConfiguration()));
        return new InvoiceContent(body.name(), body.title() == null ? current.title() : body.title(), body.currency(),
                date(body.issueDate()), date(body.dueDate()), items, discount,
                body.termsNotes() == null ? current.termsNotes() : body.termsNotes(),
                body.invoiceNumberPrefix() == null ? current.invoiceNumberPrefix() : body.invoiceNumberPrefix(),
                body.liveMode() == null ? current.liveMode() : body.liveMode(),
                body.automaticTaxesEnabled() == null ? current.automaticTaxesEnabled() : body.automaticTaxesEnabled(),
                business, contact, sentTo,
                body.paymentSchedule() == null ? current.paymentSchedule() : tree(body.paymentSchedule()),
                body.miscellaneousCharges() == null ? current.miscellaneousCharges() : tree(body.miscellaneousCharges()),
                body.miscellaneousCharges() == null ? current.charges() : charges(body.miscellaneousCharges()),
                extras, new SmsPhones(contactPhone, sentToPhones));
    }

    /** A template's priced parts as an invoice would hold them, and their figures (docs/money.md). */
    public record Figures(List<LineItem> items, Discount discount, Totals totals) {
    }

    /**
     * The figures of lines, discount and charges already validated as an invoice body's are
     * ({@link AmountsInCurrency}); a fixed discount larger than what it applies to is a 422.
     */
    public static Figures figures(String currency, List<Item> items, InvoiceRequests.DiscountBody discountBody,
            InvoiceRequests.ProcessingFee miscellaneousCharges) {
        List<LineItem> lines = lineItems(items);
        Discount discount = discount(discountBody);
        requireDiscountBase(discount, lines, currency);
        return new Figures(lines, discount, Totals.compute(Money.currencyOrThrow(currency), lines, discount,
                charges(miscellaneousCharges)));
    }

    /** The request's lines as the aggregate keeps them (each with a new id). */
    static List<LineItem> lineItems(List<Item> items) {
        List<LineItem> result = new ArrayList<>();
        for (Item item : items == null ? List.<Item>of() : items) {
            if (item == null) {
                continue;
            }
            List<LineItem.ItemTax> taxes = item.taxes() == null ? List.of() : item.taxes().stream()
                    .filter(Objects::nonNull)
                    .map(tax -> new LineItem.ItemTax(tax.id(), tax.name(), tax.rate(),
                            tax.calculation() == null ? "exclusive" : tax.calculation(), tax.description(), tax.taxId()))
                    .toList();
            result.add(new LineItem(Ids.newId(), item.name(), item.description(), item.productId(), item.priceId(),
                    item.currency(), item.amount() == null ? null : item.amount().stripTrailingZeros(),
                    item.qty() == null ? null : item.qty().stripTrailingZeros(), taxes,
                    item.automaticTaxCategoryId(), item.isSetupFeeItem(), item.type() == null ? "one_time" : item.type(),
                    Boolean.TRUE.equals(item.taxInclusive())));
        }
        return result;
    }

    static Discount discount(InvoiceRequests.DiscountBody body) {
        if (body == null) {
            return Discount.none();
        }
        // an element that was not a string is already named by the binder and stands here as null
        List<String> productIds = body.validOnProductIds() == null ? null
                : body.validOnProductIds().stream().filter(Objects::nonNull).toList();
        return new Discount(body.type(), body.value(), productIds);
    }

    /**
     * What a fixed discount applies to, at the currency's scale: the lines it covers, each round(qty × amount)
     * as in {@link Totals}. Taxes play no part (and a tax not yet validated must not break this).
     */
    static BigDecimal discountBase(Discount discount, List<LineItem> lines, java.util.Currency currency) {
        BigDecimal base = Money.zero(currency);
        for (LineItem line : lines) {
            if (discount.appliesTo(line.productId())) {
                base = base.add(Money.round(line.qty().multiply(line.amount()), currency));
            }
        }
        return base;
    }

    private static void requireDiscountBase(Discount discount, List<LineItem> items, String code) {
        java.util.Currency currency = Money.currency(code).orElse(null);
        if (currency == null || discount.isPercentage()) {
            return;
        }
        BigDecimal base = discountBase(discount, items, currency);
        if (discount.value().compareTo(base) > 0) {
            throw ApiException.unprocessable("discount.value must not be greater than the amount it applies to ("
                    + base.toPlainString() + ")");
        }
    }

    private static LocalDate date(String value) {
        return value == null || value.isEmpty() ? null : IsoDate.Dates.parse(value);
    }

    private ObjectNode contactDetails(InvoiceRequests.ContactDetails body) {
        if (body == null) {
            return null;
        }
        ObjectNode node = json.valueToTree(body);
        if (node.path("email").isString()) {
            node.put("email", node.path("email").asString().trim());
        }
        return node;
    }

    private static String contactPhone(InvoiceRequests.ContactDetails body, Location location) {
        return body == null ? null : Phones.e164(body.phoneNo(), location.country());
    }

    private static List<String> sentToPhones(InvoiceRequests.SentTo body, Location location) {
        if (body == null || body.phoneNo() == null) {
            return List.of();
        }
        return body.phoneNo().stream().map(raw -> Phones.e164(raw, location.country())).filter(Objects::nonNull).toList();
    }

    private static BigDecimal charges(InvoiceRequests.ProcessingFee fee) {
        if (fee == null || fee.paidCharges() == null) {
            return BigDecimal.ZERO;
        }
        return fee.paidCharges().stream().filter(c -> c != null && c.amount() != null)
                .map(InvoiceRequests.PaidCharge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private JsonNode tree(Object value) {
        return value == null ? null : json.valueToTree(value);
    }

    private static void put(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.set(field, value);
        }
    }
}
