package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * Each of HighLevel's seven invoice events fires once for its change, through the API as an app
 * would cause it, with the payload of HighLevel's page: the invoice as GET answers it, plus
 * {@code type}, {@code locationId}, {@code timestamp} and {@code webhookId}; every one signed.
 */
class InvoiceEventWebhooksTest extends WebhookTestBase {

    /** What GET answered right after each change (for a deleted invoice: right before it). */
    private final Map<String, List<JsonNode>> expected = new LinkedHashMap<>();

    private JsonNode get(Tenant tenant, String invoiceId) {
        ApiResponse answer = api(tenant).get("/invoices/" + invoiceId + InvoiceBodies.q(tenant));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private void expect(String invoiceId, JsonNode invoice) {
        expected.computeIfAbsent(invoiceId, id -> new ArrayList<>()).add(invoice);
    }

    private static Map<String, Object> sendManually(Tenant tenant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("userId", tenant.userId());
        body.put("action", "send_manually");
        body.put("liveMode", false);
        body.put("sentFrom", Map.of("fromName", "Alex", "fromEmail", "alex@example.com"));
        return body;
    }

    private void ok(ApiResponse answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    @Test
    void eachOfTheSevenEventsFiresOnceForItsChangeWithHighLevelsPayload() {
        Tenant tenant = newTenant();
        Receiver receiver = new Receiver().answering(200);
        String subscriptionId = subscribe(tenant, receiver).path("id").asString();
        Receiver voidOnly = new Receiver().answering(200);
        subscribe(tenant, voidOnly, List.of("InvoiceVoid"), false);

        // A: created, updated, sent, partly paid, paid
        String a = createInvoice(tenant);
        expect(a, get(tenant, a));
        ok(api(tenant).put("/invoices/" + a, InvoiceBodies.update(tenant, List.of(InvoiceBodies.item("Consulting", 120, 2)))));
        expect(a, get(tenant, a));
        ok(api(tenant).post("/invoices/" + a + "/send", sendManually(tenant)));
        expect(a, get(tenant, a));
        ok(api(tenant).post("/invoices/" + a + "/record-payment", InvoiceBodies.payment(tenant, 40)));
        expect(a, get(tenant, a));
        ok(api(tenant).post("/invoices/" + a + "/record-payment", InvoiceBodies.payment(tenant, null)));
        expect(a, get(tenant, a));
        // B: created, sent, voided
        String b = createInvoice(tenant);
        expect(b, get(tenant, b));
        ok(api(tenant).post("/invoices/" + b + "/send", sendManually(tenant)));
        expect(b, get(tenant, b));
        ok(api(tenant).post("/invoices/" + b + "/void", InvoiceBodies.alt(tenant)));
        expect(b, get(tenant, b));
        // C: created, deleted
        String c = createInvoice(tenant);
        expect(c, get(tenant, c));
        expect(c, get(tenant, c));
        ok(api(tenant).delete("/invoices/" + c + InvoiceBodies.q(tenant)));

        await(() -> assertThat(receiver.count()).isEqualTo(10));
        await(() -> assertThat(voidOnly.count()).isEqualTo(1));
        List<Receiver.Received> all = receiver.received(baseUrl());
        Map<String, List<String>> types = new LinkedHashMap<>();
        Map<String, List<JsonNode>> bodies = new LinkedHashMap<>();
        for (Receiver.Received got : all) {
            String id = got.json().path("_id").asString();
            types.computeIfAbsent(id, k -> new ArrayList<>()).add(got.json().path("type").asString());
            bodies.computeIfAbsent(id, k -> new ArrayList<>()).add(got.json());
        }
        assertThat(types.get(a)).as("in order per invoice").containsExactly("InvoiceCreate", "InvoiceUpdate", "InvoiceSent",
                "InvoicePartiallyPaid", "InvoicePaid");
        assertThat(types.get(b)).containsExactly("InvoiceCreate", "InvoiceSent", "InvoiceVoid");
        assertThat(types.get(c)).containsExactly("InvoiceCreate", "InvoiceDelete");
        assertThat(voidOnly.received(baseUrl()).get(0).json().path("_id").asString()).isEqualTo(b);

        for (String id : List.of(a, b, c)) {
            for (int i = 0; i < bodies.get(id).size(); i++) {
                JsonNode body = bodies.get(id).get(i);
                JsonNode invoice = expected.get(id).get(i);
                assertThat(body.path("locationId").asString()).isEqualTo(tenant.locationId());
                assertThat(body.path("altId").asString()).isEqualTo(tenant.locationId());
                assertThat(body.path("webhookId").asString()).isNotBlank();
                assertThat(body.path("timestamp").asString()).isNotBlank();
                assertThat(body.path("liveMode").asBoolean()).as("a test invoice's events go out, marked liveMode false").isFalse();
                invoice.properties().forEach(field -> {
                    if (!field.getKey().equals("invoiceUrl")) {
                        assertThat(body.path(field.getKey())).as(body.path("type").asString() + " " + field.getKey())
                                .isEqualTo(field.getValue());
                    }
                });
                for (String schemaField : List.of("_id", "status", "liveMode", "amountPaid", "altId", "altType", "name",
                        "businessDetails", "invoiceNumber", "currency", "contactDetails", "issueDate", "dueDate", "discount",
                        "invoiceItems", "total", "title", "amountDue", "createdAt", "updatedAt", "totalSummary")) {
                    assertThat(body.has(schemaField)).as(body.path("type").asString() + " has " + schemaField).isTrue();
                }
            }
        }
        assertThat(bodies.get(a).get(3).path("status").asString()).isEqualTo("partially_paid");
        assertThat(bodies.get(a).get(4).path("status").asString()).isEqualTo("paid");
        assertThat(all.stream().map(r -> r.json().path("webhookId").asString()).distinct()).hasSize(10);
        capture(all);
        assertThat(log(tenant, subscriptionId)).hasSize(10).allSatisfy(line ->
                assertThat(line.path("status").asString()).isEqualTo("delivered"));
    }

    /**
     * Keeps what was received (raw body, x-wh-signature, the public key) in target/webhook-capture for
     * the Node.js check (src/test/node/verify-webhooks.js, run by .ci/run with HighLevel's own code).
     */
    private void capture(List<Receiver.Received> received) {
        try {
            java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "webhook-capture"));
            String key = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(baseUrl() + "/webhooks/public-key")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (Receiver.Received got : received) {
                Map<String, String> file = new LinkedHashMap<>();
                file.put("body", got.raw());
                file.put("signature", got.header("x-wh-signature"));
                file.put("publicKey", key);
                java.nio.file.Files.writeString(folder.resolve(got.json().path("type").asString() + "-"
                        + got.json().path("webhookId").asString() + ".json"), dev.remit.support.ApiClient.json(file));
            }
        } catch (Exception e) {
            throw new AssertionError("cannot keep the captured webhooks", e);
        }
    }

    @Test
    void aChangeThatFailsQueuesNoWebhook() {
        Tenant tenant = newTenant();
        Receiver receiver = new Receiver().answering(200);
        String subscriptionId = subscribe(tenant, receiver).path("id").asString();
        String a = createInvoice(tenant);
        // a draft cannot be voided: a refused change fires nothing
        assertThat(api(tenant).post("/invoices/" + a + "/void", InvoiceBodies.alt(tenant)).status()).isEqualTo(400);
        await(() -> assertThat(receiver.count()).isEqualTo(1));
        assertThat(stored(tenant, subscriptionId)).extracting(WebhookDelivery::eventType).containsExactly("InvoiceCreate");
    }
}
