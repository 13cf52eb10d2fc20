package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * Webhook tests share one server on the test clock that may post to this machine's receivers
 * (remit.webhooks.allow-private-addresses, as local development would set it).
 */
@ClockServerTest
@TestPropertySource(properties = {"remit.webhooks.allow-private-addresses=true", "remit.webhooks.key-size=2048",
        "remit.webhooks.max-in-flight-per-subscription=16", "remit.webhooks.timeout=5s",
        "remit.rate-limit.burst-max=100000"})
abstract class WebhookTestBase extends ApiTestBase {

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected WebhookService webhooks;

    @Autowired
    protected InvoiceService invoices;

    @Autowired
    protected tools.jackson.databind.ObjectMapper json;

    @Autowired
    protected TransactionTemplate transaction;

    static final Duration WAIT = Duration.ofSeconds(90);

    /** Subscribes the receiver through the API; the subscription's JSON. */
    protected JsonNode subscribe(Tenant tenant, Receiver receiver, List<String> events, boolean hmac) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("url", receiver.url());
        body.put("events", events);
        if (hmac) {
            body.put("hmac", true);
        }
        ApiResponse created = api(tenant).extension().post("/webhooks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    protected JsonNode subscribe(Tenant tenant, Receiver receiver) {
        return subscribe(tenant, receiver, List.of("InvoiceCreate", "InvoiceUpdate", "InvoiceDelete", "InvoiceSent",
                "InvoicePaid", "InvoicePartiallyPaid", "InvoiceVoid"), false);
    }

    /** The subscription's delivery log as the service has it, oldest first (for awaiting: no request spent). */
    protected List<WebhookDelivery> stored(Tenant tenant, String subscriptionId) {
        List<WebhookDelivery> lines = new java.util.ArrayList<>(webhooks.log(tenant.locationId(), subscriptionId, 100, 0));
        java.util.Collections.reverse(lines);
        return lines;
    }

    /** The subscription's delivery log through the API, oldest first. */
    protected List<JsonNode> log(Tenant tenant, String subscriptionId) {
        ApiResponse answer = api(tenant).extension().get("/webhooks/" + subscriptionId + "/deliveries?altId="
                + tenant.locationId() + "&altType=location&limit=100");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<JsonNode> lines = new java.util.ArrayList<>();
        answer.json().path("deliveries").forEach(lines::add);
        java.util.Collections.reverse(lines);
        return lines;
    }

    protected String createInvoice(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices", InvoiceBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    /** Queues an event of an invoice directly, as the invoice's own change would. */
    protected void fire(Tenant tenant, String invoiceId, WebhookEvent event) {
        transaction.executeWithoutResult(status -> {
            var invoice = invoices.load(tenant.locationId(), invoiceId);
            webhooks.queue(event, tenant.locationId(), invoiceId, invoice.content().liveMode(), InvoiceWebhooks.asGetAnswers(json, invoice));
        });
    }

    protected static void await(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion);
    }

    protected static java.time.Instant instant(JsonNode node) {
        return java.time.Instant.parse(node.asString());
    }
}
