package dev.remit.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.StubProperties;

/**
 * WireMock playing Stripe's API, one server for the whole test JVM. Import {@link Server} into a
 * {@code @RemitServerTest} to point remit's Stripe client at it and give remit a secret key to keep
 * Stripe keys with.
 */
public final class StripeStub {

    /** base64 of 32 bytes: the test deployment's REMIT_SECRET_KEY. */
    public static final String SECRET_KEY = "q83vEjRWeJC8uHZmNRHp8b6xv0vR1bnZkMRmz4gM2qY=";
    public static final String TEST_KEY = "sk_test_51NotARealKeyButLongEnoughToLookLikeOne000000000000";
    public static final String WEBHOOK_SECRET = "whsec_testSigningSecretForRemitWebhooks0001";

    public static final WireMockServer SERVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop));
    }

    private StripeStub() {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Server implements StubProperties {
        @Override
        public Map<String, Object> properties() {
            return Map.of("remit.secret-key", SECRET_KEY, "remit.payments.stripe.api-base", base(),
                    "remit.payments.stripe.checkout-origin", base());
        }
    }

    public static String base() {
        return "http://localhost:" + SERVER.port();
    }

    public static String checkoutUrl(String sessionId) {
        return base() + "/checkout/" + sessionId;
    }

    /** Requests Stripe received (oldest first) at a path whose form says invoiceId (metadata[invoiceId]) is this invoice. */
    public static List<LoggedRequest> requests(String method, String path, String invoiceId) {
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new java.util.ArrayList<>(SERVER.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(path))
                .filter(r -> invoiceId == null || form(r).containsValue(invoiceId))
                .toList();
    }

    /** A form-encoded body as Stripe reads it (keys like {@code line_items[0][price_data][unit_amount]}). */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    static String succeededIntent(String id, long amount, String currency, String invoiceId, String locationId) {
        return """
                {"id":"%s","object":"payment_intent","status":"succeeded","amount":%d,"amount_received":%d,
                 "currency":"%s","livemode":false,"metadata":{"invoiceId":"%s","locationId":"%s"},
                 "latest_charge":{"id":"ch_%s","object":"charge","payment_method_details":{"type":"card",
                   "card":{"brand":"visa","last4":"4242"}}}}""".formatted(id, amount, amount, currency, invoiceId,
                locationId, id);
    }

    /** Answers every PaymentIntent create for this invoice with a success, and retrieves of it too. */
    public static void chargeSucceeds(String intentId, long amount, String currency, String invoiceId, String locationId) {
        String body = succeededIntent(intentId, amount, currency, invoiceId, locationId);
        SERVER.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(invoiceId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        SERVER.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** A card decline, as Stripe answers it (402 card_error). */
    static void chargeDeclined(String intentId, String invoiceId) {
        SERVER.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(invoiceId))
                .willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                         "message":"Your card has insufficient funds.",
                         "payment_intent":{"id":"%s","object":"payment_intent","status":"requires_payment_method"}}}"""
                        .formatted(intentId))));
    }

    /** The secret key refused (a revoked or mistyped key), as Stripe answers it (401). */
    static void keyRejected(String invoiceId) {
        SERVER.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(invoiceId))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"type":"invalid_request_error",
                         "message":"Invalid API Key provided: sk_test_********************0000"}}""")));
    }

    static void checkoutSession(String sessionId, String invoiceId) {
        SERVER.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(invoiceId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"%s","object":"checkout.session","mode":"payment","url":"%s"}"""
                        .formatted(sessionId, checkoutUrl(sessionId)))));
    }
}
