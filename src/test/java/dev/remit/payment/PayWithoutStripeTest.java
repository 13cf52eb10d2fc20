package dev.remit.payment;


import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

/**
 * An invoice whose location cannot take its payment online (no Stripe account, none for the
 * invoice's mode, or keys stored under another REMIT_SECRET_KEY): the hosted page offers no Pay,
 * and a Pay form posted anyway answers a plain page with a 409, not a server error.
 */
class PayWithoutStripeTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects

    @Autowired
    InvoiceService invoices;

    @Test
    void withoutStripeThereIsNoPayAndPostingPayAnywayIsAConflict() throws Exception {
        refusedEverywhere(sentInvoice(newTenant()));
    }

    @Test
    void withStripeOnlyForTheOtherModeThereIsNoPayEither() throws Exception {
        Tenant tenant = newTenant();
        accounts.configure(tenant.locationId(), null, "sk_live_51NotARealKeyButLongEnoughToLookLikeOne00000000000", null, null);
        refusedEverywhere(sentInvoice(tenant)); // a test-mode invoice, a live key only
    }

    @Test
    void keysThatCannotBeReadAreTakenAsNoStripe() throws Exception {
        Tenant tenant = connectedTenant();
        String token = sentInvoice(tenant);
        jdbc.sql("update payment_stripe_account set test_secret_key = ? where location_id = ?")
                .params("v1:c3RvcmVkIHdpdGggYW5vdGhlciBrZXk=", tenant.locationId()).update();
        refusedEverywhere(token);
    }

    @Test
    void withStripeThePageOffersPay() throws Exception {
        String token = sentInvoice(connectedTenant());
        assertThat(page(token)).contains("action=\"http://localhost:" + port + "/i/" + token + "/pay\"");
    }

    private void refusedEverywhere(String token) throws Exception {
        String page = page(token);
        assertThat(page).contains("Download PDF").doesNotContain("/pay\"").doesNotContain("<form");

        HttpResponse<String> pay = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pay.statusCode()).isEqualTo(409);
        assertThat(pay.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(pay.body()).contains("Online payment is not available for this invoice",
                "href=\"http://localhost:" + port + "/i/" + token + "\"").doesNotContain("Exception");
        assertThat(dev.remit.support.Documents.htmlErrors(pay.body())).isEmpty();
    }

    private String sentInvoice(Tenant tenant) {
        String id = new InvoicePaymentFlowTest().createInvoiceVia(api(tenant), tenant, 10);
        invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        return invoices.load(tenant.locationId(), id).publicToken();
    }

    private String page(String token) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
