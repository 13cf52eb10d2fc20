package dev.remit.payment;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.stripe.exception.StripeException;

import dev.remit.invoice.InvoiceStatus;
import dev.remit.page.PublicLinks;

/**
 * The Pay button: a Stripe Checkout Session for what is to be paid now (the next installment of
 * the payment schedule, or everything due), in the invoice currency, with the location's key for
 * the invoice's mode. The customer comes back to the page with {@code ?paid=1} or {@code ?canceled=1};
 * the payment itself is recorded from Stripe's webhook.
 */
@Service
public class HostedCheckout {

    private static final Logger log = LoggerFactory.getLogger(HostedCheckout.class);
    public static final String PAGE_PATH = "/i/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,86}");

    private final InvoicePayments invoices;
    private final StripeAccounts accounts;
    private final StripeGateway stripe;
    private final PublicLinks links;

    public HostedCheckout(InvoicePayments invoices, StripeAccounts accounts, StripeGateway stripe, PublicLinks links) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.stripe = stripe;
        this.links = links;
    }

    /** Where the page's Pay form posts for the invoice with this public token. */
    public static String payPath(String publicToken) {
        return PAGE_PATH + publicToken + "/pay";
    }

    public sealed interface Result {
    }

    public record Redirect(String url) implements Result {
    }

    public record Refused(int status, String message, String backUrl) implements Result {
    }

    public Result start(String token) {
        PayableInvoice invoice = TOKEN.matcher(token).matches() ? invoices.findByPublicToken(token).orElse(null) : null;
        if (invoice == null) {
            return new Refused(404, "This invoice link is not valid.", null);
        }
        String page = links.page(token);
        if (invoice.status() == InvoiceStatus.PAID || invoice.amountDue().signum() <= 0) {
            return new Redirect(page + "?paid=1");
        }
        if (!invoice.isOpen()) {
            return new Refused(409, invoice.status() == InvoiceStatus.PAYMENT_PROCESSING
                    ? "A payment for this invoice is being processed." : "This invoice cannot be paid online.", page);
        }
        String key = accounts.checkoutKey(invoice.locationId(), invoice.liveMode()).orElse(null);
        if (key == null) {
            // the page offers no Pay then: a form posted anyway is told so, as a conflict with the invoice's state
            return new Refused(409, "Online payment is not available for this invoice. Please contact the business "
                    + "to pay it another way.", page);
        }
        BigDecimal amount = invoice.nextPaymentAmount();
        long minor = StripeAmounts.toMinor(amount, invoice.currency());
        long dueMinor = StripeAmounts.toMinor(invoice.amountDue(), invoice.currency());
        String name = "Invoice " + invoice.number() + (invoice.name() == null || invoice.name().isBlank() ? ""
                : " – " + invoice.name());
        if (amount.compareTo(invoice.amountDue()) < 0) {
            name = name + " (installment)";
        }
        try {
            StripeGateway.CheckoutSession session = stripe.createCheckout(key, new StripeGateway.CheckoutRequest(
                    invoice.id(), invoice.locationId(), name, minor, invoice.currency(), invoice.customerEmail(),
                    page + "?paid=1", page + "?canceled=1",
                    "remit-checkout-" + invoice.id() + "-" + dueMinor + "-" + minor
                            + invoice.currency().toLowerCase(java.util.Locale.ROOT) + (invoice.liveMode() ? "-live" : "-test")));
            log.info("checkout session {} started for invoice {} of location {}", session.id(), invoice.id(),
                    invoice.locationId());
            return new Redirect(session.url());
        } catch (StripeException | RuntimeException failed) {
            log.warn("checkout for invoice {} of location {} could not start: {}", invoice.id(), invoice.locationId(),
                    failed.getMessage());
            return new Refused(502, "The payment page could not be opened. Please try again in a moment.", page);
        }
    }
}
