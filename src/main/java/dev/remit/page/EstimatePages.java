package dev.remit.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateContent;
import dev.remit.estimate.EstimateService;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/** The estimates behind public links, shown as their customers see them (the page, the PDF, the email, the SMS). */
@Component
public class EstimatePages {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,86}");

    private final InvoiceViews invoiceViews;
    private final EstimateService estimates;
    private final InvoiceService invoices;
    private final EstimateLinks links;
    private final PublicLinks invoiceLinks;
    private final TenancyRepository tenancy;

    public EstimatePages(InvoiceViews invoiceViews, EstimateService estimates, InvoiceService invoices,
            EstimateLinks links, PublicLinks invoiceLinks, TenancyRepository tenancy) {
        this.invoiceViews = invoiceViews;
        this.estimates = estimates;
        this.invoices = invoices;
        this.links = links;
        this.invoiceLinks = invoiceLinks;
        this.tenancy = tenancy;
    }

    /** An estimate found by its public token: what to show, and on what paper to print it. */
    public record Shown(String locationId, String estimateId, EstimateView view, InvoiceRenderer.PaperSize paper) {
    }

    /** The estimate behind a public token, as its customer sees it now; empty when the token names none (or it was deleted). */
    public Optional<Shown> byToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return estimates.findByPublicToken(token).flatMap(estimate -> tenancy.findLocation(estimate.locationId())
                .map(location -> new Shown(location.id(), estimate.id(), of(estimate, location), paper(location))));
    }

    /** The estimate's public page. */
    public String url(Estimate estimate) {
        return links.page(estimate.publicToken());
    }

    public InvoiceRenderer.PaperSize paper(Location location) {
        return invoiceViews.paper(location);
    }

    /** The estimate as its customer sees it. */
    public EstimateView of(Estimate estimate, Location location) {
        EstimateContent content = estimate.content();
        InvoiceViews.Parts parts = invoiceViews.parts(content.businessDetails(), content.contactDetails(), content.items(),
                content.discount(), content.currency(), estimate.totals(), location);
        InvoiceFormats formats = InvoiceFormats.of(location.country(), content.currency());
        ZoneId zone = estimates.zone(location.id());
        String token = estimate.publicToken();
        String title = content.title() == null || content.title().isBlank() ? "ESTIMATE" : content.title();
        String invoiceUrl = estimate.invoiceId() == null ? null
                : invoices.find(location.id(), estimate.invoiceId()).map(Invoice::publicToken).map(invoiceLinks::page)
                        .orElse(null);
        return new EstimateView(estimate.id(), estimate.displayNumber(), title, content.name(), status(estimate),
                !content.liveMode(), parts.business(), parts.customer(), formats.date(content.issueDate()),
                formats.date(content.expiryDate()), content.currency(), parts.lines(), parts.subTotal(),
                parts.discountLabel(), parts.discount(), parts.tax(), parts.charges(), parts.total(),
                content.termsNotes() == null || content.termsNotes().isBlank() ? null : content.termsNotes(),
                links.page(token), links.pdf(token), EstimateLinks.acceptPath(token), EstimateLinks.declinePath(token),
                estimate.acceptedName(), time(estimate.acceptedAt(), zone, location),
                time(estimate.declinedAt(), zone, location), estimate.declineReason(), invoiceUrl);
    }

    /** What the customer is told: expired from the end of the expiry date on, even before the expiry job has run. */
    EstimateView.Status status(Estimate estimate) {
        return switch (estimate.status()) {
            case DRAFT -> EstimateView.Status.DRAFT;
            case ACCEPTED -> EstimateView.Status.ACCEPTED;
            case INVOICED -> EstimateView.Status.INVOICED;
            case DECLINED -> EstimateView.Status.DECLINED;
            case SENT, VIEWED -> estimates.isExpired(estimate) ? EstimateView.Status.EXPIRED : EstimateView.Status.OPEN;
        };
    }

    private static String time(Instant at, ZoneId zone, Location location) {
        if (at == null) {
            return null;
        }
        String country = location.country() == null || location.country().length() != 2 ? "US" : location.country();
        return at.atZone(zone).format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag("en-" + country.toUpperCase(Locale.ROOT))));
    }
}
