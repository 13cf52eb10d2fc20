package dev.remit.page;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import dev.remit.invoice.Discount;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Totals;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/** Builds the customer's view of an invoice from the aggregate and its location's settings. */
@Component
public class InvoiceViews {

    private final InvoiceSettingsService settings;
    private final InvoiceService invoices;
    private final PublicLinks links;
    private final Optional<PayLinks> payLinks;
    private final java.time.Clock clock;

    public InvoiceViews(InvoiceSettingsService settings, InvoiceService invoices, PublicLinks links,
            Optional<PayLinks> payLinks, java.time.Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.invoices = invoices;
        this.links = links;
        this.payLinks = payLinks;
    }

    /** Where the Pay button of an invoice posts to, when a payment provider can take its payment. */
    public interface PayLinks {
        Optional<String> payUrl(Invoice invoice);
    }

    public InvoiceView of(Invoice invoice, Location location) {
        InvoiceSettings effective = settings.effective(location);
        InvoiceFormats formats = formats(invoice, location);
        Totals totals = invoice.totals();
        InvoiceContent c = invoice.content();
        Parts parts = parts(c.businessDetails(), c.contactDetails(), c.items(), c.discount(), totals, location, effective,
                formats);
        String token = invoice.publicToken();
        return new InvoiceView(invoice.id(), invoice.displayNumber(),
                blankToNull(invoice.content().title()) == null ? InvoiceSettings.DEFAULT_TITLE : invoice.content().title(),
                invoice.content().name(), status(invoice, location), !invoice.content().liveMode(), parts.business(),
                parts.customer(), formats.date(invoice.content().issueDate()), formats.date(invoice.content().dueDate()),
                invoice.content().currency(), parts.lines(), parts.subTotal(), parts.discountLabel(), parts.discount(),
                parts.tax(), parts.charges(),
                totals.lateFees().signum() == 0 ? null : formats.money(totals.lateFees()), parts.total(),
                formats.money(invoice.amountPaid()), formats.money(invoice.amountDue()),
                blankToNull(invoice.content().termsNotes()), links.page(token), links.pdf(token),
                payLinks.flatMap(p -> p.payUrl(invoice)).orElse(null), blankToNull(effective.paymentInstructions()),
                payments(invoice, location, formats));
    }

    /**
     * What every document in the invoice's look shows alike, formatted: the business (its own details,
     * else the location's), the customer, the item lines and the totals. An estimate is shown with them.
     */
    public record Parts(InvoiceView.Party business, InvoiceView.Party customer, List<InvoiceView.Line> lines,
            String subTotal, String discountLabel, String discount, String tax, String charges, String total) {
    }

    public Parts parts(JsonNode businessDetails, JsonNode contactDetails, List<LineItem> items, Discount discount,
            String currency, Totals totals, Location location) {
        return parts(businessDetails, contactDetails, items, discount, totals, location, settings.effective(location),
                InvoiceFormats.of(location.country(), currency));
    }

    private Parts parts(JsonNode ownBusinessDetails, JsonNode contactDetails, List<LineItem> items, Discount discount,
            Totals totals, Location location, InvoiceSettings effective, InvoiceFormats formats) {
        JsonNode businessDetails = ownBusinessDetails == null || ownBusinessDetails.isEmpty()
                ? effective.businessDetails() : ownBusinessDetails;
        String senderEmail = effective.senderConfiguration() == null ? null : effective.senderConfiguration().fromEmail();
        InvoiceView.Party business = party(businessDetails, senderEmail, location.country());
        InvoiceView.Party customer = party(contactDetails, null, location.country());
        List<InvoiceView.Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            Totals.Line figures = totals.lines().get(i);
            String taxes = item.taxes().isEmpty() ? "—" : item.taxes().stream()
                    .map(t -> t.name() + " " + t.rate().stripTrailingZeros().toPlainString() + "%"
                            + (item.taxInclusive() ? " incl." : ""))
                    .collect(Collectors.joining(", "));
            lines.add(new InvoiceView.Line(item.name(), blankToNull(item.description()), formats.quantity(item.qty()),
                    formats.money(item.amount()), taxes, formats.money(figures.line())));
        }
        String discountLabel = discount.isPercentage()
                ? "Discount (" + discount.value().stripTrailingZeros().toPlainString() + "%)" : "Discount";
        return new Parts(business, customer, List.copyOf(lines), formats.money(totals.subTotal()), discountLabel,
                totals.discount().signum() == 0 ? null : formats.money(totals.discount()), formats.money(totals.tax()),
                totals.charges().signum() == 0 ? null : formats.money(totals.charges()), formats.money(totals.total()));
    }

    /** The invoice's ledger, oldest first, each payment dated in the location's time zone. */
    private List<InvoiceView.Payment> payments(Invoice invoice, Location location, InvoiceFormats formats) {
        if (invoice.amountPaid() == null || invoice.amountPaid().signum() == 0) {
            return List.of();
        }
        ZoneId zone = zone(location);
        return invoices.payments(location.id(), invoice.id()).stream()
                .sorted(java.util.Comparator.comparing(InvoiceRepository.Payment::fulfilledAt))
                .map(p -> new InvoiceView.Payment(formats.date(p.fulfilledAt().atZone(zone).toLocalDate()),
                        formats.money(p.amount()), paymentMethod(p.mode(), p.cardBrand(), p.cardLast4(), p.chequeNumber())))
                .toList();
    }

    /** How a payment was made, as a receipt says it: "Visa ending 4242", "Cash", "Cheque no. 1042". */
    public static String paymentMethod(String mode, String cardBrand, String cardLast4, String chequeNumber) {
        String kind = mode == null ? "" : mode.toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case "card" -> {
                String brand = cardBrand(cardBrand);
                String last4 = cardLast4 == null ? null : cardLast4.replaceAll("[^0-9]", "");
                yield (brand == null ? "Card" : brand) + (last4 == null || last4.isEmpty() ? "" : " ending " + last4);
            }
            case "cheque" -> chequeNumber == null || chequeNumber.isBlank() ? "Cheque" : "Cheque no. " + chequeNumber.strip();
            case "cash" -> "Cash";
            case "bank_transfer" -> "Bank transfer";
            default -> "Other payment";
        };
    }

    private static String cardBrand(String brand) {
        if (brand == null || brand.isBlank()) {
            return null;
        }
        return switch (brand.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "visa" -> "Visa";
            case "mastercard" -> "Mastercard";
            case "amex", "american_express", "american express" -> "American Express";
            case "discover" -> "Discover";
            case "diners", "diners_club" -> "Diners Club";
            case "jcb" -> "JCB";
            case "unionpay" -> "UnionPay";
            case "cartes_bancaires" -> "Cartes Bancaires";
            default -> Character.toUpperCase(brand.strip().charAt(0)) + brand.strip().substring(1);
        };
    }

    /** Today where the location is (its time zone; UTC when it has none remit knows). */
    public LocalDate today(Location location) {
        return LocalDate.now(clock.withZone(zone(location)));
    }

    public InvoiceFormats formats(Invoice invoice, Location location) {
        return InvoiceFormats.of(location.country(), invoice.content().currency());
    }

    /** The location's paperSize setting; unset, Letter where it is the custom (the US, Canada ...), A4 elsewhere. */
    public InvoiceRenderer.PaperSize paper(Location location) {
        String chosen = settings.effective(location).paperSize();
        if (chosen != null) {
            return InvoiceRenderer.PaperSize.of(chosen);
        }
        return switch (location.country()) {
            case "US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR" -> InvoiceRenderer.PaperSize.LETTER;
            default -> InvoiceRenderer.PaperSize.A4;
        };
    }

    InvoiceView.Status status(Invoice invoice, Location location) {
        LocalDate today = today(location);
        LocalDate due = invoice.content().dueDate();
        boolean pastDue = due != null && due.isBefore(today);
        return switch (invoice.status()) {
            case DRAFT -> InvoiceView.Status.DRAFT;
            case PAID -> InvoiceView.Status.PAID;
            case VOID -> InvoiceView.Status.VOID;
            case PAYMENT_PROCESSING -> InvoiceView.Status.PROCESSING;
            case PARTIALLY_PAID -> pastDue ? InvoiceView.Status.OVERDUE : InvoiceView.Status.PARTIALLY_PAID;
            case SENT -> pastDue ? InvoiceView.Status.OVERDUE : InvoiceView.Status.DUE;
        };
    }

    private static ZoneId zone(Location location) {
        try {
            return ZoneId.of(location.timeZone());
        } catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }

    private static InvoiceView.Party party(JsonNode details, String fallbackEmail, String country) {
        if (details == null) {
            return new InvoiceView.Party("", null, null, List.of(), null, fallbackEmail, null);
        }
        JsonNode address = details.path("address");
        List<String> lines = new ArrayList<>();
        addIfPresent(lines, text(address, "addressLine1"));
        addIfPresent(lines, text(address, "addressLine2"));
        String city = text(address, "city");
        String state = text(address, "state");
        String postal = text(address, "postalCode");
        String locality = String.join(" ", java.util.stream.Stream.of(
                city == null ? null : city + (state != null || postal != null ? "," : ""), state, postal)
                .filter(s -> s != null && !s.isBlank()).toList());
        addIfPresent(lines, locality);
        String email = text(details, "email");
        return new InvoiceView.Party(nonNull(text(details, "name")), text(details, "companyName"), text(details, "logoUrl"),
                List.copyOf(lines), displayPhone(text(details, "phoneNo"), country), email != null ? email : fallbackEmail,
                text(details, "website"));
    }

    static String displayPhone(String phone, String country) {
        if (phone == null) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.format(util.parse(phone, country), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException notAPhoneNumber) {
            return phone;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString().trim();
    }

    private static void addIfPresent(List<String> lines, String line) {
        if (line != null && !line.isBlank()) {
            lines.add(line);
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
