package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import dev.remit.delivery.EmailWriter;
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
    private final TransactionTemplate ownTransaction;
    private final InvoiceService invoices;
    private final InvoiceViews views;
    private final InvoiceRenderer renderer;
    private final InvoiceSettingsService settings;

    DeliveryPaymentNotifications(DeliveryService delivery, TenancyRepository tenancy, PublicLinks links,
            PlatformTransactionManager transactions, InvoiceService invoices, InvoiceViews views, InvoiceRenderer renderer,
            InvoiceSettingsService settings) {
        this.invoices = invoices;
        this.views = views;
        this.renderer = renderer;
        this.settings = settings;
        this.delivery = delivery;
        this.tenancy = tenancy;
        this.links = links;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The receipt in the invoice email's design, HTML and text, with the items and what is still due,
     * from the invoice as it is after the payment; From the invoice's sender.
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
        InvoiceFormats formats = views.formats(current, location);
        InvoiceView.Payment payment = new InvoiceView.Payment(formats.date(views.today(location)),
                formats.money(amount), InvoiceViews.paymentMethod("card", cardBrand, cardLast4, null));
        toCustomer(invoice, location, view, renderer.receiptEmail(view, payment));
    }

    /**
     * The business always hears of a failed auto-charge, in an email of its own to the location's
     * users and its sender address. The customer hears of it only when their own method was
     * declined: in the invoice email's design, From the invoice's sender.
     */
    @Override
    public void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, Failure failure, String reason,
            Instant nextAttempt) {
        Location location = tenancy.findLocation(invoice.locationId()).orElse(null);
        InvoiceView view = location == null ? null
                : invoices.find(invoice.locationId(), invoice.id()).map(found -> views.of(found, location)).orElse(null);
        String due = view != null ? view.amountDue() : money(amount, invoice);
        String when = nextAttempt == null ? null
                : DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US).format(nextAttempt.atZone(zone(invoice.locationId())));
        if (failure == Failure.DECLINED && invoice.customerEmail() != null && view != null) {
            tellCustomer(invoice, location, view, reason, when);
        }
        tellBusiness(invoice, location, due, failure, reason, when);
    }

    private void tellCustomer(PayableInvoice invoice, Location location, InvoiceView view, String reason, String when) {
        toCustomer(invoice, location, view, renderer.paymentFailedEmail(view, reason, when));
    }

    /** An email to the customer, From the sender of the invoice's own email (sentFrom or the location's settings). */
    private void toCustomer(PayableInvoice invoice, Location location, InvoiceView view, RenderedEmail email) {
        InvoiceSettings.SenderConfiguration configured = settings.effective(location).senderConfiguration();
        EmailMessage invoiceEmail = delivery.lastWrittenEmail(invoice.locationId(), invoice.id(), EmailWriter.INVOICE)
                .orElse(null);
        String fromName = invoiceEmail != null ? invoiceEmail.fromName() : configured == null ? null : configured.fromName();
        String fromAddress = invoiceEmail != null ? invoiceEmail.fromAddress()
                : configured == null ? null : configured.fromEmail();
        enqueue(invoice, new EmailMessage(invoice.locationId(), invoice.id(), !invoice.liveMode(),
                fromName == null || fromName.isBlank() ? view.business().name() : fromName, fromAddress, null,
                List.of(invoice.customerEmail()), List.of(), List.of(), email.subject(), email.text(), email.html(),
                List.of()));
    }

    private void tellBusiness(PayableInvoice invoice, Location location, String due, Failure failure, String reason,
            String when) {
        List<String> staff = staff(location);
        if (staff.isEmpty()) {
            log.info("no auto-payment failure notice for invoice {}: the location has no user or sender address",
                    invoice.id());
            return;
        }
        String customer = invoice.customerName() == null ? "the customer" : invoice.customerName();
        String what = failure == Failure.DECLINED
                ? "The customer's payment method was declined. They were told by email and can pay from the invoice's page."
                : "The customer was not told: this is for the business to fix (the location's Stripe connection, its keys, "
                        + "or the saved customer and payment method; see docs/payments.md). The customer can still pay "
                        + "from the invoice's page.";
        String text = "The automatic payment of " + due + " for invoice " + invoice.number() + " (" + customer
                + ") did not go through" + (reason == null ? "." : ": " + reason) + "\n\n" + what + "\n"
                + (when == null ? "No further automatic attempts will be made." : "The next attempt will be on " + when + ".")
                + "\n\nThe invoice: " + links.page(invoice.publicToken()) + "\n";
        send(invoice, businessName(invoice), staff, "Automatic payment failed for invoice " + invoice.number()
                + " (" + customer + ")", text);
    }

    /** The location's users and its sender address, each once. */
    private List<String> staff(Location location) {
        if (location == null) {
            return List.of();
        }
        java.util.LinkedHashSet<String> to = new java.util.LinkedHashSet<>(locationUsers(location.id()));
        InvoiceSettings.SenderConfiguration sender = settings.effective(location).senderConfiguration();
        if (sender != null && sender.fromEmail() != null && !sender.fromEmail().isBlank()) {
            to.add(sender.fromEmail());
        }
        return List.copyOf(to);
    }

    private void enqueue(PayableInvoice invoice, EmailMessage email) {
        try {
            ownTransaction.executeWithoutResult(status -> delivery.enqueue(email));
        } catch (RuntimeException refused) {
            log.warn("a payment email for invoice {} could not be queued: {}", invoice.id(), refused.getMessage());
        }
    }

    private void send(PayableInvoice invoice, String business, List<String> to, String subject, String text) {
        enqueue(invoice, new EmailMessage(invoice.locationId(), invoice.id(), !invoice.liveMode(), business, null, null, to,
                List.of(), List.of(), subject, text, null, List.of()));
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
