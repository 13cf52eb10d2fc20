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
import dev.remit.page.PublicLinks;
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

    DeliveryPaymentNotifications(DeliveryService delivery, TenancyRepository tenancy, PublicLinks links,
            PlatformTransactionManager transactions) {
        this.delivery = delivery;
        this.tenancy = tenancy;
        this.links = links;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4) {
        if (invoice.customerEmail() == null) {
            log.info("no receipt for invoice {}: the customer has no email address", invoice.id());
            return;
        }
        String business = businessName(invoice);
        BigDecimal due = invoice.amountDue().subtract(amount).max(BigDecimal.ZERO);
        String card = cardBrand == null ? "" : " with " + cardBrand + (cardLast4 == null ? "" : " ending " + cardLast4);
        String text = "Hello" + (invoice.customerName() == null ? "" : " " + invoice.customerName()) + ",\n\n"
                + "Thank you: " + business + " received your payment of " + money(amount, invoice) + card
                + " for invoice " + invoice.number() + ".\n"
                + (due.signum() == 0 ? "The invoice is paid in full.\n" : "Still due: " + money(due, invoice) + ".\n")
                + "\nView the invoice: " + links.page(invoice.publicToken()) + "\n";
        send(invoice, business, List.of(invoice.customerEmail()),
                "Receipt from " + business + ": " + money(amount, invoice) + " for invoice " + invoice.number(), text);
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
        try {
            ownTransaction.executeWithoutResult(status -> delivery.enqueue(new EmailMessage(invoice.locationId(),
                    invoice.id(), !invoice.liveMode(), business, null, null, to, List.of(), List.of(), subject, text,
                    null, List.of())));
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

    private static String money(BigDecimal amount, PayableInvoice invoice) {
        return invoice.currency() + " " + amount.setScale(
                Math.max(invoice.currencyUnit().getDefaultFractionDigits(), 0), java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
