package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Scopes;
import tools.jackson.databind.JsonNode;

/** remit's own /webhooks API: validation, scopes, one location's subscriptions out of another's reach. */
class WebhookApiTest extends WebhookTestBase {

    @Test
    void aSubscriptionIsCreatedListedChangedAndRemoved() {
        Tenant tenant = newTenant();
        JsonNode created = subscribe(tenant, new Receiver(), List.of("InvoicePaid", "InvoicePaid", "InvoiceVoid"), false);
        String id = created.path("id").asString();
        assertThat(created.path("events")).hasSize(2);
        assertThat(created.path("enabled").asBoolean()).isTrue();
        assertThat(created.path("hmac").asBoolean()).isFalse();
        assertThat(created.has("hmacSecret")).isFalse();

        String q = "?altId=" + tenant.locationId() + "&altType=location";
        JsonNode list = api(tenant).extension().get("/webhooks" + q).json().path("webhooks");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asString()).isEqualTo(id);

        ApiResponse changed = api(tenant).extension().put("/webhooks/" + id, Map.of("altId", tenant.locationId(),
                "altType", "location", "events", List.of("InvoiceCreate"), "hmac", true));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("events").get(0).asString()).isEqualTo("InvoiceCreate");
        assertThat(changed.json().path("hmacSecret").asString()).startsWith("whsec_");
        assertThat(api(tenant).extension().get("/webhooks/" + id + q).json().has("hmacSecret")).as("shown once").isFalse();

        assertThat(api(tenant).extension().delete("/webhooks/" + id + q).status()).isEqualTo(200);
        assertThat(api(tenant).extension().get("/webhooks/" + id + q).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithEveryProblemNamed() {
        Tenant tenant = newTenant();
        ApiResponse empty = api(tenant).extension().post("/webhooks", Map.of());
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.messages()).contains("altId should not be empty", "url should not be empty");

        ApiResponse wrong = api(tenant).extension().post("/webhooks", Map.of("altId", tenant.locationId(),
                "altType", "location", "url", "ftp://example.com/x", "events", List.of("InvoiceExploded"), "extra", 1));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.messages()).containsExactlyInAnyOrder("property extra should not exist",
                "events.0 must be one of the following values: InvoiceCreate, InvoiceUpdate, InvoiceDelete, InvoiceSent, "
                        + "InvoicePaid, InvoicePartiallyPaid, InvoiceVoid, InvoiceScheduleCreate, InvoiceScheduleUpdate, "
                        + "InvoiceScheduleActive, InvoiceScheduleCancel, InvoiceScheduleComplete, InvoiceScheduleDelete",
                "url must be an absolute http or https URL");

        ApiResponse notHttp = api(tenant).extension().post("/webhooks", Map.of("altId", tenant.locationId(),
                "altType", "location", "url", "ftp://example.com/x", "events", List.of("InvoicePaid")));
        assertThat(notHttp.status()).isEqualTo(422);
        assertThat(notHttp.messages()).containsExactly("url must be an absolute http or https URL");
    }

    @Test
    void anotherLocationsSubscriptionsAreOutOfReach() {
        Tenant owner = newTenant();
        Tenant stranger = newTenant();
        String id = subscribe(owner, new Receiver()).path("id").asString();
        ApiResponse forbidden = api(stranger).extension().get("/webhooks/" + id + "?altId=" + owner.locationId() + "&altType=location");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("message").asString()).isEqualTo("The token does not have access to this location.");
        ApiResponse notFound = api(stranger).extension().get("/webhooks/" + id + "?altId=" + stranger.locationId() + "&altType=location");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(api(stranger).extension().get("/webhooks/" + id + "/deliveries?altId=" + stranger.locationId()
                + "&altType=location").status()).isEqualTo(404);
        assertThat(api(stranger).extension().delete("/webhooks/" + id + "?altId=" + stranger.locationId()
                + "&altType=location").status()).isEqualTo(404);
        assertThat(webhooks.subscription(owner.locationId(), id)).isPresent();
    }

    @Test
    void changingSubscriptionsNeedsTheWriteScopeAndATokenAtAll() {
        Tenant reader = newTenant(List.of(Scopes.INVOICES_READONLY));
        ApiResponse refused = api(reader).extension().post("/webhooks", Map.of("altId", reader.locationId(),
                "altType", "location", "url", "https://hooks.example.com/", "events", List.of("InvoicePaid")));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(api(reader).extension().get("/webhooks?altId=" + reader.locationId() + "&altType=location").status())
                .isEqualTo(200);
        assertThat(anonymous().extension().get("/webhooks?altId=" + reader.locationId() + "&altType=location").status())
                .isEqualTo(401);
    }

    @Test
    void thePublicKeysArePublishedForAnyone() {
        ApiResponse keys = anonymous().extension().get("/webhooks/public-keys");
        assertThat(keys.status()).isEqualTo(200);
        JsonNode first = keys.json().path("keys").get(0);
        assertThat(first.path("signing").asBoolean()).isTrue();
        assertThat(first.path("pem").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Receiver.publicKey(baseUrl())).isNotNull();
    }
}
