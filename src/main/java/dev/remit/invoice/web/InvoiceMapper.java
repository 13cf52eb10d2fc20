package dev.remit.invoice.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;


import dev.remit.api.IsoDate;
import dev.remit.api.MoneyJson;
import dev.remit.api.Violations;
import dev.remit.invoice.Discount;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.LateFee;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Money;
import dev.remit.invoice.SmsPhones;
import dev.remit.invoice.Totals;
import dev.remit.invoice.web.InvoiceRequests.CreateInvoice;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.UpdateInvoice;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Between the wire and the aggregate: turns validated bodies into {@link InvoiceContent} (adding the
 * checks that need more than one field: currencies, scales, dates, phone numbers, the discount's
 * base) and writes invoices in the seed's shape. Part of the module's {@code web} interface: send's
 * operations take and answer invoices in the same shape.
 */
@Component
@NamedInterface("web")
public class InvoiceMapper {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    static final BigDecimal MAX_QTY = new BigDecimal("1000000");
    static final int MAX_ITEMS = 500;
    static final int QTY_SCALE = 4;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What the invoice keeps of a request as it was sent, and returns so. */
    private static final List<String> KEPT_AS_SENT = List.of("description", "lateFeesConfiguration",
            "tipsConfiguration", "paymentMethods", "attachments", "xeroDetails");

    private final ObjectMapper json;

    public InvoiceMapper(ObjectMapper json) {
        this.json = json;
    }

    // ------------------------------------------------------------------ requests

    public InvoiceContent fromCreate(CreateInvoice body, Location location, InvoiceSettings settings, Violations v) {
        Currency currency = currency(body.currency(), v);
        List<LineItem> items = items(body.items(), "items", currency, body.currency(), v);
        Discount discount = discount(body.discount(), items, currency, v);
        LocalDate issue = date(body.issueDate());
        LocalDate due = date(body.dueDate());
        if (issue != null && due == null && body.dueDate() == null) {
            due = issue.plusDays(settings.dueAfterXDays());
        }
        checkDates(issue, due, v);
        ObjectNode business = businessDetails(body.businessDetails(), settings.businessDetails(), location, v);
        ObjectNode contact = contactDetails(body.contactDetails());
        ObjectNode sentTo = sentTo(body.sentTo());
        SmsPhones phones = new SmsPhones(contactPhone(body.contactDetails(), location, v),
                sentToPhones(body.sentTo(), location, v));
        BigDecimal charges = charges(body.miscellaneousCharges(), currency, v);
        checkNumber(body.invoiceNumber(), body.invoiceNumberPrefix(), v);
        ObjectNode extras = json.createObjectNode();
        put(extras, "lateFeesConfiguration", tree(body.lateFeesConfiguration()));
        put(extras, "tipsConfiguration", tree(body.tipsConfiguration()));
        put(extras, "paymentMethods", tree(body.paymentMethods()));
        put(extras, "attachments", tree(body.attachments()));
        v.throwIfAny();
        return new InvoiceContent(body.name(), body.title() == null ? settings.title() : body.title(), body.currency(),
                issue, due, items, discount, body.termsNotes() == null ? settings.termsNote() : body.termsNotes(),
                body.invoiceNumberPrefix() == null ? settings.invoiceNumberPrefix() : body.invoiceNumberPrefix(),
                body.liveMode(), Boolean.TRUE.equals(body.automaticTaxesEnabled()), business, contact, sentTo,
                tree(body.paymentSchedule()), tree(body.miscellaneousCharges()), charges, extras, phones);
    }

    /** The content after a PUT: properties sent replace the stored ones, those left out stay as they were. */
    public InvoiceContent fromUpdate(UpdateInvoice body, InvoiceContent current, Location location, Violations v) {
        return fromUpdate(body, null, null, current, location, v);
    }

    /** As {@link #fromUpdate(UpdateInvoice, InvoiceContent, Location, Violations)}, with text2pay's sentTo and late fees. */
    public InvoiceContent fromUpdate(UpdateInvoice body, InvoiceRequests.SentTo sentToBody,
            InvoiceRequests.LateFeesConfiguration lateFees, InvoiceContent current, Location location, Violations v) {
        Currency currency = currency(body.currency(), v);
        List<LineItem> items = items(body.invoiceItems(), "invoiceItems", currency, body.currency(), v);
        Discount discount = body.discount() == null ? current.discount() : discount(body.discount(), items, currency, v);
        if (body.discount() == null && currency != null) {
            checkDiscountBase(discount, items, currency, v);
        }
        LocalDate issue = date(body.issueDate());
        LocalDate due = date(body.dueDate());
        checkDates(issue, due, v);
        JsonNode business = body.businessDetails() == null ? current.businessDetails()
                : businessDetails(body.businessDetails(), null, location, v);
        JsonNode contact = current.contactDetails();
        String contactPhone = current.smsPhones().contact();
        if (body.contactDetails() != null) {
            contact = contactDetails(body.contactDetails());
            contactPhone = contactPhone(body.contactDetails(), location, v);
        }
        JsonNode sentTo = current.sentTo();
        List<String> sentToPhones = current.smsPhones().sentTo();
        if (sentToBody != null) {
            sentTo = sentTo(sentToBody);
            sentToPhones = sentToPhones(sentToBody, location, v);
        }
        if (body.contactId() != null && contact instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.put("id", body.contactId());
            contact = copy;
        }
        BigDecimal charges = body.miscellaneousCharges() == null ? current.charges()
                : charges(body.miscellaneousCharges(), currency, v);
        checkNumber(null, body.invoiceNumberPrefix(), v);
        ObjectNode extras = current.extras() == null ? json.createObjectNode() : current.extras().deepCopy();
        put(extras, "description", tree(body.description()));
        put(extras, "lateFeesConfiguration", tree(lateFees));
        put(extras, "tipsConfiguration", tree(body.tipsConfiguration()));
        put(extras, "paymentMethods", tree(body.paymentMethods()));
        put(extras, "xeroDetails", body.xeroDetails());
        put(extras, "attachments", tree(body.attachments()));
        v.throwIfAny();
        return new InvoiceContent(body.name(), body.title() == null ? current.title() : body.title(), body.currency(),
                issue, due, items, discount, body.termsNotes() == null ? current.termsNotes() : body.termsNotes(),
                body.invoiceNumberPrefix() == null ? current.invoiceNumberPrefix() : body.invoiceNumberPrefix(),
                body.liveMode() == null ? current.liveMode() : body.liveMode(),
                body.automaticTaxesEnabled() == null ? current.automaticTaxesEnabled() : body.automaticTaxesEnabled(),
                business, contact, sentTo,
                body.paymentSchedule() == null ? current.paymentSchedule() : tree(body.paymentSchedule()),
                body.miscellaneousCharges() == null ? current.miscellaneousCharges() : tree(body.miscellaneousCharges()),
                charges, extras, new SmsPhones(contactPhone, sentToPhones));
    }

    /** A template's figures, its parts checked as an invoice's are; {@code totals} null when the currency is not known. */
    public record Figures(List<LineItem> items, Discount discount, BigDecimal charges, Totals totals) {
    }

    /**
     * Checks and computes what a template holds of an invoice (items, discount, miscellaneous charges,
     * the business phone) by the invoice rules, adding every broken rule to {@code v}.
     */
    public Figures figures(String currencyCode, List<Item> itemsBody, InvoiceRequests.DiscountBody discountBody,
            InvoiceRequests.ProcessingFee miscellaneousCharges, InvoiceRequests.BusinessDetails business,
            Location location, Violations v) {
        Currency currency = currency(currencyCode, v);
        List<LineItem> items = items(itemsBody, "items", currency, currencyCode, v);
        Discount discount = discount(discountBody, items, currency, v);
        BigDecimal charges = charges(miscellaneousCharges, currency, v);
        if (business != null) {
            e164(business.phoneNo(), "businessDetails.phoneNo", location, v);
        }
        boolean computable = currency != null && items.stream().allMatch(i -> i.amount() != null && i.qty() != null)
                && discount.type() != null && (discount.value() == null || discount.value().signum() >= 0);
        return new Figures(items, discount, charges,
                computable && v.isEmpty() ? Totals.compute(currency, items, discount, charges) : null);
    }

    private Currency currency(String code, Violations v) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Money.currency(code).orElseGet(() -> {
            v.add("currency", "must be a valid ISO 4217 currency code");
            return null;
        });
    }

    private List<LineItem> items(List<Item> items, String path, Currency currency, String code, Violations v) {
        List<LineItem> result = new ArrayList<>();
        if (items == null) {
            return result;
        }
        if (items.size() > MAX_ITEMS) {
            v.add(path, "must contain no more than " + MAX_ITEMS + " elements");
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null) {
                continue;
            }
            String at = path + "." + i;
            if (currency != null && item.currency() != null && !item.currency().isBlank()
                    && !item.currency().equals(code)) {
                v.add(at + ".currency", "must be the invoice currency " + code);
            }
            if (item.amount() != null) {
                if (currency != null && !Money.fitsScale(item.amount(), currency)) {
                    v.add(at + ".amount", "must have at most " + Money.scale(currency) + " decimal places for " + code);
                }
                if (item.amount().compareTo(MAX_AMOUNT) > 0) {
                    v.add(at + ".amount", "must not be greater than " + MAX_AMOUNT.toPlainString());
                }
            }
            if (item.qty() != null) {
                if (item.qty().stripTrailingZeros().scale() > QTY_SCALE) {
                    v.add(at + ".qty", "must have at most " + QTY_SCALE + " decimal places");
                }
                if (item.qty().compareTo(MAX_QTY) > 0) {
                    v.add(at + ".qty", "must not be greater than " + MAX_QTY.toPlainString());
                }
            }
            List<LineItem.ItemTax> taxes = new ArrayList<>();
            if (item.taxes() != null) {
                for (InvoiceRequests.Tax tax : item.taxes()) {
                    if (tax != null) {
                        taxes.add(new LineItem.ItemTax(tax.id(), tax.name(), tax.rate(),
                                tax.calculation() == null ? "exclusive" : tax.calculation(), tax.description(),
                                tax.taxId()));
                    }
                }
            }
            result.add(new LineItem(Ids.newId(), item.name(), item.description(), item.productId(), item.priceId(),
                    item.currency(), item.amount() == null ? null : item.amount().stripTrailingZeros(),
                    item.qty() == null ? null : item.qty().stripTrailingZeros(), taxes,
                    item.automaticTaxCategoryId(), item.isSetupFeeItem(), item.type() == null ? "one_time" : item.type(),
                    Boolean.TRUE.equals(item.taxInclusive())));
        }
        return result;
    }

    private Discount discount(InvoiceRequests.DiscountBody body, List<LineItem> items, Currency currency, Violations v) {
        if (body == null) {
            return Discount.none();
        }
        // an element that was not a string is already named by the binder and stands here as null
        List<String> productIds = body.validOnProductIds() == null ? null
                : body.validOnProductIds().stream().filter(java.util.Objects::nonNull).toList();
        Discount discount = new Discount(body.type(), body.value(), productIds);
        if (body.value() != null && body.value().signum() >= 0) {
            if (discount.isPercentage() && body.value().compareTo(BigDecimal.valueOf(100)) > 0) {
                v.add("discount.value", "must not be greater than 100");
            } else if (!discount.isPercentage() && currency != null && !Money.fitsScale(body.value(), currency)) {
                v.add("discount.value", "must have at most " + Money.scale(currency) + " decimal places for "
                        + currency.getCurrencyCode());
            } else if (!discount.isPercentage() && currency != null) {
                checkDiscountBase(discount, items, currency, v);
            }
        }
        return discount;
    }

    /** A fixed discount may not be larger than the lines it applies to. */
    private static void checkDiscountBase(Discount discount, List<LineItem> items, Currency currency, Violations v) {
        if (discount.isPercentage() || items.stream().anyMatch(i -> i.amount() == null || i.qty() == null)) {
            return;
        }
        BigDecimal base = Money.zero(currency);
        Totals plain = Totals.compute(currency, items, Discount.none(), BigDecimal.ZERO);
        for (int i = 0; i < items.size(); i++) {
            if (discount.appliesTo(items.get(i).productId())) {
                base = base.add(plain.lines().get(i).line());
            }
        }
        if (discount.value().compareTo(base) > 0) {
            v.add("discount.value", "must not be greater than the amount it applies to (" + base.toPlainString() + ")");
        }
    }

    private static LocalDate date(String value) {
        return value == null || value.isEmpty() ? null : IsoDate.Dates.parse(value);
    }

    private static void checkDates(LocalDate issue, LocalDate due, Violations v) {
        if (issue != null && due != null && due.isBefore(issue)) {
            v.add("dueDate", "must not be before issueDate");
        }
    }

    private ObjectNode businessDetails(InvoiceRequests.BusinessDetails body, JsonNode defaults, Location location,
            Violations v) {
        ObjectNode node = defaults instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
        if (body != null) {
            node.setAll((ObjectNode) json.valueToTree(body));
            e164(body.phoneNo(), "businessDetails.phoneNo", location, v);
        }
        return node;
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

    private String contactPhone(InvoiceRequests.ContactDetails body, Location location, Violations v) {
        return body == null ? null : e164(body.phoneNo(), "contactDetails.phoneNo", location, v);
    }

    private ObjectNode sentTo(InvoiceRequests.SentTo body) {
        return body == null ? null : json.valueToTree(body);
    }

    private static List<String> sentToPhones(InvoiceRequests.SentTo body, Location location, Violations v) {
        List<String> phones = new ArrayList<>();
        if (body == null || body.phoneNo() == null) {
            return phones;
        }
        for (int i = 0; i < body.phoneNo().size(); i++) {
            String e164 = e164(body.phoneNo().get(i), "sentTo.phoneNo." + i, location, v);
            if (e164 != null) {
                phones.add(e164);
            }
        }
        return phones;
    }

    /** A phone number as written is kept as written; this checks it and gives its E.164 form, for SMS. */
    private static String e164(String raw, String path, Location location, Violations v) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String e164 = e164(raw, location);
        if (e164 == null) {
            v.add(path, "must be a valid phone number");
        }
        return e164;
    }

    /** The number in E.164, read with the location's country as the default region; null when it is not valid. */
    public static String e164(String raw, Location location) {
        return dev.remit.invoice.Phones.e164(raw, location.country());
    }

    private static BigDecimal charges(InvoiceRequests.ProcessingFee fee, Currency currency, Violations v) {
        BigDecimal sum = BigDecimal.ZERO;
        if (fee == null || fee.paidCharges() == null) {
            return sum;
        }
        for (int i = 0; i < fee.paidCharges().size(); i++) {
            InvoiceRequests.PaidCharge charge = fee.paidCharges().get(i);
            if (charge == null || charge.amount() == null) {
                continue;
            }
            if (currency != null && !Money.fitsScale(charge.amount(), currency)) {
                v.add("miscellaneousCharges.paidCharges." + i + ".amount", "must have at most " + Money.scale(currency)
                        + " decimal places for " + currency.getCurrencyCode());
            }
            if (charge.amount().compareTo(MAX_AMOUNT) > 0) {
                v.add("miscellaneousCharges.paidCharges." + i + ".amount", "must not be greater than "
                        + MAX_AMOUNT.toPlainString());
            }
            sum = sum.add(charge.amount());
        }
        return sum;
    }

    private static void checkNumber(String number, String prefix, Violations v) {
        if (number != null && !number.matches("[A-Za-z0-9._/-]{1,64}")) {
            v.add("invoiceNumber", "must be 1 to 64 letters, digits or . _ / -");
        }
        if (prefix != null && prefix.length() > 10) {
            v.add("invoiceNumberPrefix", "must be shorter than or equal to 10 characters");
        }
    }

    private JsonNode tree(Object value) {
        return value == null ? null : json.valueToTree(value);
    }

    private static void put(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.set(field, value);
        }
    }

    // ------------------------------------------------------------------ responses

    /**
     * An invoice as HighLevel writes it (the seed's shape): the spec's invoice response properties, and
     * what the invoice keeps of the request as it was sent (the schemas allow more properties);
     * {@code withSummary} adds totalSummary, which get-invoice and list-invoices carry.
     */
    public ObjectNode view(Invoice invoice, boolean withSummary) {
        InvoiceContent c = invoice.content();
        Totals totals = invoice.totals();
        ObjectNode node = json.createObjectNode();
        node.put("_id", invoice.id());
        node.put("status", invoice.status().wire());
        node.put("liveMode", c.liveMode());
        node.put("amountPaid", MoneyJson.plain(invoice.amountPaid()));
        node.put("altId", invoice.locationId());
        node.put("altType", "location");
        node.put("name", c.name());
        node.set("businessDetails", c.businessDetails() == null ? json.createObjectNode() : c.businessDetails());
        node.put("invoiceNumber", invoice.invoiceNumber());
        node.put("currency", c.currency());
        node.set("contactDetails", c.contactDetails() == null ? json.createObjectNode() : c.contactDetails());
        node.put("issueDate", c.issueDate().toString());
        node.put("dueDate", c.dueDate() == null ? c.issueDate().toString() : c.dueDate().toString());
        node.set("discount", json.valueToTree(c.discount()));
        node.set("invoiceItems", json.valueToTree(c.items()));
        node.put("total", MoneyJson.plain(totals.total()));
        node.put("title", c.title());
        node.put("amountDue", MoneyJson.plain(invoice.amountDue()));
        node.put("createdAt", TIMESTAMP.format(invoice.createdAt()));
        node.put("updatedAt", TIMESTAMP.format(invoice.updatedAt()));
        node.put("automaticTaxesEnabled", c.automaticTaxesEnabled());
        node.put("automaticTaxesCalculated", false);
        node.set("paymentSchedule", c.paymentSchedule() == null ? json.createObjectNode() : c.paymentSchedule());
        if (c.termsNotes() != null) {
            node.put("termsNotes", c.termsNotes());
        }
        if (c.invoiceNumberPrefix() != null) {
            node.put("invoiceNumberPrefix", c.invoiceNumberPrefix());
        }
        if (c.sentTo() != null) {
            node.set("sentTo", c.sentTo());
        }
        if (c.miscellaneousCharges() != null) {
            node.set("miscellaneousCharges", c.miscellaneousCharges());
        }
        if (c.extras() != null) {
            for (String kept : KEPT_AS_SENT) {
                if (c.extras().hasNonNull(kept)) {
                    node.set(kept, c.extras().get(kept));
                }
            }
        }
        if (invoice.autoPayment() != null) {
            node.set("autoPayment", invoice.autoPayment());
        }
        if (invoice.sentAt() != null) {
            node.put("sentAt", TIMESTAMP.format(invoice.sentAt()));
        }
        if (invoice.lastVisitedAt() != null) {
            node.put("lastVisitedAt", TIMESTAMP.format(invoice.lastVisitedAt()));
        }
        node.put("visitCount", invoice.visitCount());
        if (withSummary) {
            ObjectNode summary = node.putObject("totalSummary");
            summary.put("subTotal", MoneyJson.plain(totals.subTotal()));
            summary.put("discount", MoneyJson.plain(totals.discount()));
            summary.put("tax", MoneyJson.plain(totals.tax()));
            if (totals.lateFees().signum() > 0) {
                summary.put("lateFees", MoneyJson.plain(totals.lateFees()));
            }
        }
        return node;
    }

    /** remit's record of the late fees applied to an invoice: number, amount, when due and applied, the rule. */
    public ArrayNode lateFees(List<LateFee> fees) {
        ArrayNode list = json.createArrayNode();
        for (LateFee fee : fees) {
            ObjectNode item = list.addObject();
            item.put("number", fee.number());
            item.put("amount", MoneyJson.plain(fee.amount()));
            item.put("currency", fee.currency());
            item.put("dueAt", TIMESTAMP.format(fee.dueAt()));
            item.put("appliedAt", TIMESTAMP.format(fee.appliedAt()));
            item.set("lateFeesConfiguration", fee.rule());
        }
        return list;
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public ObjectNode settingsView(String locationId, InvoiceSettings settings) {
        ObjectNode node = json.createObjectNode();
        node.put("altId", locationId);
        node.put("altType", "location");
        node.setAll((ObjectNode) json.valueToTree(settings));
        return node;
    }
}
