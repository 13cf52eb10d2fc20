package dev.remit.payment;

import static dev.remit.payment.StripeStub.TEST_KEY;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiTestBase;

@Import(FakeInvoices.Config.class)
class CheckoutTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects

    private HttpResponse<String> pay(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void payStartsACheckoutSessionForTheAmountDueAndRedirectsToIt() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "123.45");
        StripeStub.checkoutSession("cs_test_usd", invoice.id);

        HttpResponse<String> response = pay(invoice.token);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains(StripeStub.checkoutUrl("cs_test_usd"));
        List<LoggedRequest> requests = StripeStub.requests("POST", "/v1/checkout/sessions", invoice.id);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TEST_KEY);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("remit-checkout-" + invoice.id + "-12345-12345usd-test");
        Map<String, String> form = StripeStub.form(request);
        assertThat(form).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "usd")
                .containsEntry("line_items[0][price_data][unit_amount]", "12345")
                .containsEntry("line_items[0][price_data][product_data][name]", "Invoice 7 – Kitchen repair")
                .containsEntry("metadata[invoiceId]", invoice.id)
                .containsEntry("metadata[locationId]", location)
                .containsEntry("payment_intent_data[metadata][invoiceId]", invoice.id)
                .containsEntry("client_reference_id", invoice.id)
                .containsEntry("customer_email", "jo@example.com");
        assertThat(form.get("success_url")).endsWith("/i/" + invoice.token + "?paid=1");
        assertThat(form.get("cancel_url")).endsWith("/i/" + invoice.token + "?canceled=1");
    }

    @Test
    void zeroDecimalCurrenciesAreSentInWholeUnits() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "JPY", "5000");
        StripeStub.checkoutSession("cs_test_jpy", invoice.id);

        assertThat(pay(invoice.token).statusCode()).isEqualTo(303);

        Map<String, String> form = StripeStub.form(StripeStub.requests("POST", "/v1/checkout/sessions", invoice.id).get(0));
        assertThat(form).containsEntry("line_items[0][price_data][currency]", "jpy")
                .containsEntry("line_items[0][price_data][unit_amount]", "5000");
    }

    @Test
    void aPaymentScheduleAsksForTheNextInstallment() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "1000");
        invoice.schedule = new PayableInvoice.PaymentSchedule("percentage", List.of("30", "70"));
        StripeStub.checkoutSession("cs_test_sched", invoice.id);

        assertThat(pay(invoice.token).statusCode()).isEqualTo(303);

        Map<String, String> form = StripeStub.form(StripeStub.requests("POST", "/v1/checkout/sessions", invoice.id).get(0));
        assertThat(form).containsEntry("line_items[0][price_data][unit_amount]", "30000");
        assertThat(form.get("line_items[0][price_data][product_data][name]")).endsWith("(installment)");
    }

    @Test
    void withoutStripeOrForAnUnknownTokenNothingStarts() throws Exception {
        FakeInvoices.Invoice invoice = FakeInvoices.create(newLocation(), "USD", "10");
        HttpResponse<String> unconnected = pay(invoice.token);
        assertThat(unconnected.statusCode()).isEqualTo(409);
        assertThat(unconnected.body()).contains("Online payment is not available");
        assertThat(pay("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(StripeStub.requests("POST", "/v1/checkout/sessions", invoice.id)).isEmpty();
    }

    @Test
    void aPaidInvoiceGoesBackToThePage() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "10");
        invoice.status = "paid";
        invoice.ledger.add(new InvoicePayments.ProviderPayment(new java.math.BigDecimal("10"), "USD", "manual", null,
                null, null, null, java.time.Instant.now()));
        HttpResponse<String> response = pay(invoice.token);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/i/" + invoice.token + "?paid=1");
    }
}
