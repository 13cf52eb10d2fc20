package dev.remit.payment;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.remit.invoice.Invoice;
import dev.remit.page.InvoiceViews;
import dev.remit.page.PublicLinks;

/**
 * Gives the hosted page its Pay button: {@code /i/{token}/pay} when the invoice's location has
 * Stripe connected for the invoice's mode (live or test). Without it the page shows no button.
 */
@Component
class StripePayLinks implements InvoiceViews.PayLinks {

    private final StripeAccounts accounts;
    private final PublicLinks links;

    StripePayLinks(StripeAccounts accounts, PublicLinks links) {
        this.accounts = accounts;
        this.links = links;
    }

    @Override
    public Optional<String> payUrl(Invoice invoice) {
        return accounts.checkoutKey(invoice.locationId(), invoice.content().liveMode())
                .map(key -> links.pay(invoice.publicToken()));
    }
}
