package dev.remit.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/** Delivery: signatures, retries on 500 and 429, none on 400, order per invoice, disabling, replay. */
class WebhookDeliveryTest extends WebhookTestBase {

    private static final List<String> VOID_ONLY = List.of("InvoiceVoid");

    private boolean jobExists(String deliveryId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'deliver-webhook' and task_instance = ?")
                .param(deliveryId).query(Long.class).single() > 0;
    }

    @Test
    void aDeliveredWebhookIsSignedAndCarriesTheInvoiceWithTypeLocationTimestampAndWebhookId() throws Exception {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answering(200);
        JsonNode subscription = subscribe(tenant, receiver, VOID_ONLY, true);
        String secret = subscription.path("hmacSecret").asString();
        assertThat(secret).startsWith("whsec_");

        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(receiver.count()).isEqualTo(1));

        Receiver.Received got = receiver.received(baseUrl()).get(0);
        JsonNode body = got.json();
        assertThat(body.path("type").asString()).isEqualTo("InvoiceVoid");
        assertThat(body.path("locationId").asString()).isEqualTo(tenant.locationId());
        assertThat(body.path("_id").asString()).isEqualTo(invoiceId);
        assertThat(body.path("webhookId").asString()).isNotBlank();
        assertThat(instant(body.path("timestamp"))).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        JsonNode get = api(tenant).get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location").json();
        get.properties().forEach(field -> {
            if (!field.getKey().equals("invoiceUrl")) {
                assertThat(body.path(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
            }
        });
        assertThat(got.header("Content-Type")).startsWith("application/json");
        assertThat(got.header("x-remit-hmac-sha256")).isEqualTo(WebhookWorker.hmac(secret, got.raw().getBytes(StandardCharsets.UTF_8)));

        List<JsonNode> log = log(tenant, subscription.path("id").asString());
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("status").asString()).isEqualTo("delivered");
        assertThat(log.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(log.get(0).path("lastStatus").asInt()).isEqualTo(200);
        assertThat(log.get(0).path("webhookId").asString()).isEqualTo(body.path("webhookId").asString());
        assertThat(log.get(0).path("event").asString()).isEqualTo("InvoiceVoid");
    }

    @Test
    void a500IsRetriedWithBackoffAndTheSameWebhookId() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answeringInTurn(aResponse().withStatus(500).withBody("down"),
                aResponse().withStatus(503), aResponse().withStatus(200));
        String subscriptionId = subscribe(tenant, receiver, VOID_ONLY, false).path("id").asString();

        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(1));
        JsonNode first = log(tenant, subscriptionId).get(0);
        assertThat(first.path("status").asString()).isEqualTo("queued");
        assertThat(first.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(first.path("lastError").asString()).contains("HTTP 500").contains("down");
        Instant next = instant(first.path("nextAttemptAt"));
        Instant tried = instant(first.path("lastAttemptAt"));
        assertThat(Duration.between(tried, next)).as("30 s less up to half of it").isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));

        clock.set(next);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(2));
        Instant third = stored(tenant, subscriptionId).get(0).nextAttemptAt();
        assertThat(Duration.between(next, third)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        clock.set(third);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).status()).isEqualTo(WebhookDelivery.Status.DELIVERED));

        List<Receiver.Received> all = receiver.received(baseUrl());
        assertThat(all).hasSize(3);
        assertThat(all.stream().map(r -> r.json().path("webhookId").asString()).distinct()).hasSize(1);
        assertThat(all.get(2).json().path("timestamp").asString()).as("each attempt is stamped when it is sent")
                .isNotEqualTo(all.get(0).json().path("timestamp").asString());
        assertThat(log(tenant, subscriptionId).get(0).path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answeringInTurn(aResponse().withStatus(429).withHeader("Retry-After", "600"),
                aResponse().withStatus(204));
        String subscriptionId = subscribe(tenant, receiver, VOID_ONLY, false).path("id").asString();

        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(1));
        JsonNode first = log(tenant, subscriptionId).get(0);
        assertThat(first.path("lastStatus").asInt()).isEqualTo(429);
        Instant next = instant(first.path("nextAttemptAt"));
        assertThat(next).isAfterOrEqualTo(instant(first.path("lastAttemptAt")).plusSeconds(600));

        clock.set(next);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).status()).isEqualTo(WebhookDelivery.Status.DELIVERED));
        assertThat(receiver.received(baseUrl())).hasSize(2);
    }

    @Test
    void a400FailsAtOnceWithoutRetrying() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answering(aResponse().withStatus(400).withBody("{\"error\":\"bad\"}"));
        String subscriptionId = subscribe(tenant, receiver, VOID_ONLY, false).path("id").asString();

        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).status()).isEqualTo(WebhookDelivery.Status.FAILED));
        JsonNode line = log(tenant, subscriptionId).get(0);
        assertThat(line.path("attempts").asInt()).isEqualTo(1);
        assertThat(line.path("lastStatus").asInt()).isEqualTo(400);
        assertThat(line.has("nextAttemptAt")).isFalse();
        assertThat(jobExists(line.path("id").asString())).as("no retry is scheduled").isFalse();
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void aLaterWebhookOfTheSameInvoiceWaitsForTheEarlierOne() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answeringInTurn(aResponse().withStatus(500), aResponse().withStatus(200));
        String subscriptionId = subscribe(tenant, receiver, List.of("InvoiceVoid", "InvoiceSent"), false).path("id").asString();

        fire(tenant, invoiceId, WebhookEvent.INVOICE_SENT);
        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(1));
        // the first failed and waits for its retry: the second is held back behind it
        List<JsonNode> log = log(tenant, subscriptionId);
        assertThat(log.get(1).path("attempts").asInt()).isZero();
        assertThat(receiver.count()).isEqualTo(1);

        clock.set(instant(log.get(0).path("nextAttemptAt")));
        await(() -> assertThat(stored(tenant, subscriptionId)).allSatisfy(l -> assertThat(l.status()).isEqualTo(WebhookDelivery.Status.DELIVERED)));
        List<Receiver.Received> all = receiver.received(baseUrl());
        assertThat(all.stream().map(r -> r.json().path("type").asString()))
                .containsExactly("InvoiceSent", "InvoiceSent", "InvoiceVoid");
    }

    @Test
    void aSlowReceiverHoldsUpNeitherTheApiNorAnotherSubscriber() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver slow = new Receiver().answering(aResponse().withStatus(200).withFixedDelay(3000));
        Receiver quick = new Receiver().answering(200);
        subscribe(tenant, slow, VOID_ONLY, false);
        subscribe(tenant, quick, VOID_ONLY, false);

        long start = System.nanoTime();
        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        ApiResponse get = api(tenant).get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location");
        assertThat(get.status()).isEqualTo(200);
        await(() -> assertThat(quick.count()).isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        await(() -> assertThat(slow.count()).isEqualTo(1));
    }

    @Test
    void aSubscriberFailingForADayIsDisabledAndSentItsWebhooksWhenEnabledAgain() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answering(503);
        String subscriptionId = subscribe(tenant, receiver, VOID_ONLY, false).path("id").asString();

        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(1));
        Instant firstFailure = stored(tenant, subscriptionId).get(0).lastAttemptAt();
        clock.set(firstFailure.plus(Duration.ofHours(24)));
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).attempts()).isEqualTo(2));
        JsonNode disabled = api(tenant).extension().get("/webhooks/" + subscriptionId + "?altId=" + tenant.locationId()
                + "&altType=location").json();
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("disabledReason").asString()).contains("HTTP 503");

        // its next try finds it disabled: the webhook is paused, not sent
        clock.advance(Duration.ofMinutes(2));
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).status()).isEqualTo(WebhookDelivery.Status.PAUSED));
        assertThat(receiver.count()).isEqualTo(2);

        receiver.answering(200);
        ApiResponse enabled = api(tenant).extension().post("/webhooks/" + subscriptionId + "/enable",
                Map.of("altId", tenant.locationId(), "altType", "location"));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
        await(() -> assertThat(stored(tenant, subscriptionId).get(0).status()).isEqualTo(WebhookDelivery.Status.DELIVERED));
        assertThat(receiver.count()).isEqualTo(3);
    }

    @Test
    void replaySendsTheSameWebhookAgain() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        Receiver receiver = new Receiver().answering(200);
        String subscriptionId = subscribe(tenant, receiver, VOID_ONLY, false).path("id").asString();
        fire(tenant, invoiceId, WebhookEvent.INVOICE_VOID);
        await(() -> assertThat(receiver.count()).isEqualTo(1));
        String deliveryId = log(tenant, subscriptionId).get(0).path("id").asString();

        ApiResponse replay = api(tenant).extension().post("/webhooks/deliveries/" + deliveryId + "/replay",
                Map.of("altId", tenant.locationId(), "altType", "location"));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json().path("replayOf").asString()).isEqualTo(deliveryId);
        await(() -> assertThat(receiver.count()).isEqualTo(2));
        List<Receiver.Received> all = receiver.received(baseUrl());
        assertThat(all.get(1).json().path("webhookId").asString()).isEqualTo(all.get(0).json().path("webhookId").asString());
        assertThat(all.get(1).json().path("_id").asString()).isEqualTo(invoiceId);

        Tenant stranger = newTenant();
        assertThat(api(stranger).extension().post("/webhooks/deliveries/" + deliveryId + "/replay",
                Map.of("altId", stranger.locationId(), "altType", "location")).status()).isEqualTo(404);
        assertThat(api(stranger).extension().post("/webhooks/deliveries/" + deliveryId + "/replay",
                Map.of("altId", tenant.locationId(), "altType", "location")).status()).isEqualTo(403);
    }
}
