package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.delivery.DeliveryService;
import dev.remit.delivery.EmailMessage;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.page.InvoiceFormats;
import dev.remit.page.InvoiceRenderer;
import dev.remit.page.InvoiceView;
import dev.remit.page.InvoiceViews;
import dev.remit.page.PublicLinks;
import dev.remit.page.RenderedEmail;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.User;

/**
 * Receipts and failed auto-charge notices as emails through the delivery pipeline (its queue, its
 * retries, its delivery log, and its sandbox: an invoice in test mode only ever reaches the file
 * outbox). Called after the payment committed; each message is queued in a transaction of its own,
 * so a message that cannot be sent never undoes a payment.
 */
@Component
class DeliveryPaymentNotifications implements PaymentNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPaymentNotifications.class);

    private final DeliveryService delivery;
    private final TenancyRepository tenancy;
    private final PublicLinks links;
    private final InvoiceService invoices;
    private final InvoiceViews views;
    private final InvoiceRenderer renderer;
    private final InvoiceSettingsService settings;
    private final TransactionTemplate ownTransaction;

    DeliveryPaymentNotifications(DeliveryService delivery, TenancyRepository tenancy, PublicLinks links,
            InvoiceService invoices, InvoiceViews views, InvoiceRenderer renderer, InvoiceSettingsService settings,
            PlatformTransactionManager transactions) {
        this.delivery = delivery;
        this.tenancy = tenancy;
        this.links = links;
        this.invoices = invoices;
        this.views = views;
        this.renderer = renderer;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The receipt in the invoice email's design, HTML and text, with the items and what is still due,
     * from the invoice as it is after the payment; From the location's sender, as the invoice was.
     */
    @Override
    public void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4) {
        if (invoice.customerEmail() == null) {
            log.info("no receipt for invoice {}: the customer has no email address", invoice.id());
            return;
        }
        Location location = tenancy.findLocation(invoice.locationId()).orElse(null);
        Invoice current = location == null ? null : invoices.find(location.id(), invoice.id()).orElse(null);
        if (current == null) {
            log.info("no receipt for invoice {}: it is gone", invoice.id());
            return;
        }
        InvoiceView view = views.of(current, location);
        InvoiceView.Payment payment = new InvoiceView.Payment(
                views.formats(current, location).date(InvoiceViews.today(location)),
                views.formats(current, location).money(amount),
                InvoiceViews.paymentMethod("card", cardBrand, cardLast4, null));
        RenderedEmail email = renderer.receiptEmail(view, payment);
        InvoiceSettings.SenderConfiguration sender = settings.effective(location).senderConfiguration();
        String fromName = sender != null && sender.fromName() != null && !sender.fromName().isBlank() ? sender.fromName()
                : view.business().name();
        String fromEmail = sender == null || sender.fromEmail() == null || sender.fromEmail().isBlank() ? null
                : sender.fromEmail();
        queue(new EmailMessage(invoice.locationId(), invoice.id(), !invoice.liveMode(), fromName, fromEmail, null,
                List.of(invoice.customerEmail()), List.of(), List.of(), email.subject(), email.text(), email.html(),
                List.of()), invoice);
    }

    @Override
    public void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, String reason, Instant nextAttempt) {
        String business = businessName(invoice);
        List<String> to = new ArrayList<>();
        if (invoice.customerEmail() != null) {
            to.add(invoice.customerEmail());
        }
        to.addAll(locationUsers(invoice.locationId()));
        if (to.isEmpty()) {
            log.info("no failure notice for invoice {}: nobody has an email address", invoice.id());
            return;
        }
        String when = nextAttempt == null ? "No further automatic attempts will be made."
                : "The next attempt will be on " + DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US)
                        .format(nextAttempt.atZone(zone(invoice.locationId()))) + ".";
        String text = "The automatic payment of " + money(amount, invoice) + " for invoice " + invoice.number()
                + " from " + business + " did not go through"
                + (reason == null ? "." : ": " + reason) + "\n" + when + "\n\n"
                + "Pay or update the payment here: " + links.page(invoice.publicToken()) + "\n";
        send(invoice, business, to, "Automatic payment failed for invoice " + invoice.number(), text);
    }

    private void send(PayableInvoice invoice, String business, List<String> to, String subject, String text) {
        queue(new EmailMessage(invoice.locationId(), invoice.id(), !invoice.liveMode(), business, null, null, to,
                List.of(), List.of(), subject, text, null, List.of()), invoice);
    }

    private void queue(EmailMessage email, PayableInvoice invoice) {
        try {
            ownTransaction.executeWithoutResult(status -> delivery.enqueue(email));
        } catch (RuntimeException refused) {
            log.warn("a payment email for invoice {} could not be queued: {}", invoice.id(), refused.getMessage());
        }
    }

    private List<String> locationUsers(String locationId) {
        Location location = tenancy.findLocation(locationId).orElse(null);
        if (location == null) {
            return List.of();
        }
        return tenancy.users(location.companyId()).stream()
                .filter(user -> user.locationIds().contains(locationId) && user.email() != null)
                .map(User::email).distinct().toList();
    }

    private String businessName(PayableInvoice invoice) {
        return tenancy.findLocation(invoice.locationId()).map(Location::name).orElse("The business");
    }

    private ZoneId zone(String locationId) {
        try {
            return tenancy.findLocation(locationId).map(l -> ZoneId.of(l.timeZone())).orElse(ZoneId.of("UTC"));
        } catch (RuntimeException bad) {
            return ZoneId.of("UTC");
        }
    }

    /** The amount as the invoice's page writes it ("$471.32"). */
    private String money(BigDecimal amount, PayableInvoice invoice) {
        String country = tenancy.findLocation(invoice.locationId()).map(Location::country).orElse(null);
        return InvoiceFormats.of(country, invoice.currency()).money(amount);
    }
}
