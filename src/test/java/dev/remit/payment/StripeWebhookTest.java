package dev.remit.payment;

import static dev.remit.payment.StripeStub.TEST_KEY;
import static dev.remit.payment.StripeStub.WEBHOOK_SECRET;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import dev.remit.support.ApiTestBase;
import dev.remit.tenancy.Ids;

/** Events signed the way Stripe signs them: {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">}. */
@Import(FakeInvoices.Config.class)
class StripeWebhookTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String sign(String payload, String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + v1;
    }

    HttpResponse<String> deliver(String location, String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/payments/stripe/webhook/" + location))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> deliverSigned(String location, String payload) throws Exception {
        return deliver(location, payload, sign(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond()));
    }

    static String event(String type, String object) {
        return """
                {"id":"evt_%s","object":"event","type":"%s","livemode":false,"api_version":"2025-01-27.acacia",
                 "created":%d,"data":{"object":%s}}""".formatted(Ids.newId(), type, Instant.now().getEpochSecond(), object);
    }

    static String failedIntent(String id, long amount, String invoiceId, String locationId) {
        return """
                {"id":"%s","object":"payment_intent","status":"requires_payment_method","amount":%d,"currency":"usd",
                 "metadata":{"invoiceId":"%s","locationId":"%s"},
                 "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                   "message":"Your card has insufficient funds."}}""".formatted(id, amount, invoiceId, locationId);
    }

    @Test
    void aSucceededPaymentIntentIsRecordedWithTheCard() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "250.00");
        String payload = event("payment_intent.succeeded",
                StripeStub.succeededIntent("pi_ok_" + invoice.id, 25000, "usd", invoice.id, location));

        HttpResponse<String> response = deliverSigned(location, payload);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(invoice.status).isEqualTo("paid");
        assertThat(invoice.ledger).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualByComparingTo("250.00");
            assertThat(p.provider()).isEqualTo("stripe");
            assertThat(p.providerRef()).isEqualTo("pi_ok_" + invoice.id);
            assertThat(p.cardBrand()).isEqualTo("visa");
            assertThat(p.cardLast4()).isEqualTo("4242");
        });
    }

    @Test
    void unsignedWronglySignedAndStaleEventsAreRefused() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "10");
        String payload = event("payment_intent.succeeded",
                StripeStub.succeededIntent("pi_bad_" + invoice.id, 1000, "usd", invoice.id, location));
        long now = Instant.now().getEpochSecond();

        assertThat(deliver(location, payload, null).statusCode()).isEqualTo(400);
        assertThat(deliver(location, payload, sign(payload, "whsec_someoneElsesSecret", now)).statusCode()).isEqualTo(400);
        assertThat(deliver(location, payload, sign(payload + " ", WEBHOOK_SECRET, now)).statusCode()).isEqualTo(400);
        HttpResponse<String> stale = deliver(location, payload, sign(payload, WEBHOOK_SECRET, now - 301));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("tolerance");

        assertThat(invoice.ledger).isEmpty();
        assertThat(jdbc.sql("select count(*) from payment_webhook_event where location_id = ?").param(location)
                .query(Integer.class).single()).isZero();
        // Just inside the tolerance it is accepted.
        assertThat(deliver(location, payload, sign(payload, WEBHOOK_SECRET, now - 290)).statusCode()).isEqualTo(200);
        assertThat(invoice.ledger).hasSize(1);
    }

    @Test
    void anotherLocationsSecretDoesNotOpenThisLocation() throws Exception {
        String location = connectedLocation();
        String other = newLocation();
        accounts.configure(other, TEST_KEY, null, "whsec_otherLocationSecret", null);
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "10");
        String payload = event("payment_intent.succeeded",
                StripeStub.succeededIntent("pi_x_" + invoice.id, 1000, "usd", invoice.id, location));
        assertThat(deliver(location, payload, sign(payload, "whsec_otherLocationSecret", Instant.now().getEpochSecond()))
                .statusCode()).isEqualTo(400);
        // Signed for the other location, the event names an invoice that location does not have.
        assertThat(deliver(other, payload, sign(payload, "whsec_otherLocationSecret", Instant.now().getEpochSecond()))
                .statusCode()).isEqualTo(200);
        assertThat(invoice.ledger).isEmpty();
    }

    @Test
    void aDeliveredAgainEventIsHandledOnce() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "100");
        String payload = event("payment_intent.succeeded",
                StripeStub.succeededIntent("pi_dup_" + invoice.id, 4000, "usd", invoice.id, location));

        assertThat(deliverSigned(location, payload).statusCode()).isEqualTo(200);
        HttpResponse<String> again = deliverSigned(location, payload);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(invoice.ledger).hasSize(1);
        assertThat(invoice.status).isEqualTo("partially_paid");
        assertThat(invoice.view().amountPaid()).isEqualByComparingTo("40");
    }

    @Test
    void outOfOrderEventsDecideByThePaymentNotByArrival() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "80");
        String intent = "pi_ooo_" + invoice.id;
        StripeStub.chargeSucceeds(intent, 8000, "usd", invoice.id, location); // for the checkout event's look-up
        String session = """
                {"id":"cs_ooo","object":"checkout.session","payment_status":"paid","status":"complete",
                 "amount_total":8000,"currency":"usd","payment_intent":"%s",
                 "metadata":{"invoiceId":"%s","locationId":"%s"}}""".formatted(intent, invoice.id, location);

        // The success of the intent arrives first, then the failure of an earlier try, then the session.
        assertThat(deliverSigned(location, event("payment_intent.succeeded",
                StripeStub.succeededIntent(intent, 8000, "usd", invoice.id, location))).statusCode()).isEqualTo(200);
        assertThat(deliverSigned(location, event("payment_intent.payment_failed",
                failedIntent(intent, 8000, invoice.id, location))).statusCode()).isEqualTo(200);
        assertThat(deliverSigned(location, event("checkout.session.completed", session)).statusCode()).isEqualTo(200);

        assertThat(invoice.status).isEqualTo("paid");
        assertThat(invoice.ledger).hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment_attempt where location_id = ? and invoice_id = ? and status = 'failed'")
                .params(location, invoice.id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCompletedCheckoutSessionRecordsThePaymentWithTheCardFromStripe() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "80");
        String intent = "pi_cs_" + invoice.id;
        StripeStub.chargeSucceeds(intent, 3000, "usd", invoice.id, location);
        String session = """
                {"id":"cs_1","object":"checkout.session","payment_status":"paid","status":"complete",
                 "amount_total":3000,"currency":"usd","payment_intent":"%s",
                 "metadata":{"invoiceId":"%s","locationId":"%s"}}""".formatted(intent, invoice.id, location);

        assertThat(deliverSigned(location, event("checkout.session.completed", session)).statusCode()).isEqualTo(200);
        assertThat(deliverSigned(location, event("payment_intent.succeeded",
                StripeStub.succeededIntent(intent, 3000, "usd", invoice.id, location))).statusCode()).isEqualTo(200);

        assertThat(invoice.status).isEqualTo("partially_paid");
        assertThat(invoice.ledger).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualByComparingTo(new BigDecimal("30"));
            assertThat(p.cardBrand()).isEqualTo("visa");
            assertThat(p.cardLast4()).isEqualTo("4242");
        });
    }

    @Test
    void aFailedPaymentIsRecordedAndChangesNothingElse() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "80");
        assertThat(deliverSigned(location, event("payment_intent.payment_failed",
                failedIntent("pi_f_" + invoice.id, 8000, invoice.id, location))).statusCode()).isEqualTo(200);
        assertThat(invoice.status).isEqualTo("sent");
        assertThat(invoice.ledger).isEmpty();
        assertThat(jdbc.sql("select failure_code from payment_attempt where location_id = ? and invoice_id = ?")
                .params(location, invoice.id).query(String.class).single()).isEqualTo("insufficient_funds");
    }
}
