package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Scopes;
import tools.jackson.databind.JsonNode;

/** remit's own extension: GET /invoices/{invoiceId}/deliveries. */
class DeliveryLogEndpointTest extends ApiTestBase {

    @Autowired
    DeliveryService deliveries;

    /** A real invoice of the tenant: the log's 404 comes from the invoices. */
    private String invoice(Tenant tenant) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "Repair");
        item.put("currency", "USD");
        item.put("amount", 100);
        item.put("qty", 1);
        item.put("taxes", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Repair");
        body.put("businessDetails", Map.of("name", "Acme Plumbing"));
        body.put("currency", "USD");
        body.put("items", List.of(item));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", Map.of("id", "c6tZZU0rJBf30ZXx9Gli", "name", "Pat", "phoneNo", "", "email", "pat@customer.example"));
        body.put("issueDate", "2026-11-24");
        body.put("sentTo", Map.of("email", List.of("pat@customer.example")));
        body.put("liveMode", true);
        ApiResponse created = api(tenant).post("/invoices", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private static String path(String invoiceId, String locationId) {
        return "/invoices/" + invoiceId + "/deliveries?altId=" + locationId + "&altType=location";
    }

    @Test
    void listsEveryMessageOfTheInvoiceWithWhereItIs() {
        Tenant tenant = newTenant();
        String invoiceId = invoice(tenant);
        EmailMessage base = Messages.email(tenant.locationId(), "pat@customer.example");
        Queued email = deliveries.enqueue(new EmailMessage(tenant.locationId(), invoiceId, false, base.fromName(),
                base.fromAddress(), null, base.to(), List.of("sam@customer.example"), List.of(), base.subject(), base.textBody(),
                base.htmlBody(), List.of()));
        Queued sms = deliveries.enqueue(new SmsMessage(tenant.locationId(), invoiceId, true, "+15551234567", "Pay here"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                deliveries.delivery(tenant.locationId(), email.id()).orElseThrow().status().isFinal()
                && deliveries.delivery(tenant.locationId(), sms.id()).orElseThrow().status().isFinal());

        ApiResponse response = api(tenant).extension().get(path(invoiceId, tenant.locationId()));
        assertThat(response.status()).isEqualTo(200);
        JsonNode lines = response.json().path("deliveries");
        assertThat(lines.size()).isEqualTo(2);
        JsonNode first = lines.get(0);
        assertThat(first.path("id").asString()).isEqualTo(email.id());
        assertThat(first.path("channel").asString()).isEqualTo("email");
        assertThat(first.path("to").asString()).isEqualTo("pat@customer.example");
        assertThat(first.path("cc").get(0).asString()).isEqualTo("sam@customer.example");
        assertThat(first.path("messageId").asString()).isEqualTo(email.messageId());
        assertThat(first.path("status").asString()).isEqualTo("sent");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.has("lastError")).isTrue();
        assertThat(first.path("lastError").isNull()).isTrue();
        assertThat(first.path("providerId").asString()).isEqualTo("outbox/email/" + email.id() + ".eml");
        assertThat(first.path("queuedAt").asString()).isNotBlank();
        assertThat(first.path("sentAt").asString()).isNotBlank();
        assertThat(first.path("sandboxed").asBoolean()).isFalse();
        JsonNode second = lines.get(1);
        assertThat(second.path("channel").asString()).isEqualTo("sms");
        assertThat(second.path("to").asString()).isEqualTo("+15551234567");
        assertThat(second.path("status").asString()).isEqualTo("sandboxed");
        assertThat(second.path("sandboxed").asBoolean()).isTrue();
        assertThat(second.has("cc")).isFalse();
    }

    @Test
    void anotherLocationsTokenIsForbiddenAndItsInvoicesAreNotFound() {
        Tenant owner = newTenant();
        Tenant stranger = newTenant();
        String invoiceId = invoice(owner);
        assertThat(api(owner).extension().get(path(invoiceId, owner.locationId())).json().path("deliveries").size())
                .as("an invoice not sent yet has an empty log").isZero();

        ApiResponse forbidden = api(stranger).extension().get(path(invoiceId, owner.locationId()));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("message").asString()).isEqualTo("The token does not have access to this location.");

        ApiResponse notFound = api(stranger).extension().get(path(invoiceId, stranger.locationId()));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().path("message").asString()).isEqualTo("Invoice not found");

        assertThat(api(owner).extension().get(path("not-an-id", owner.locationId())).status()).isEqualTo(404);
    }

    @Test
    void validatesTheQueryAndNeedsTheReadScope() {
        Tenant tenant = newTenant();
        ApiResponse missing = api(tenant).extension().get("/invoices/" + Messages.INVOICE + "/deliveries");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.messages()).contains("altId should not be empty", "altType should not be empty");

        ApiResponse wrongType = api(tenant).extension().get("/invoices/" + Messages.INVOICE + "/deliveries?altId="
                + tenant.locationId() + "&altType=company");
        assertThat(wrongType.status()).isEqualTo(422);

        Tenant writeOnly = newTenant(List.of(Scopes.INVOICES_WRITE));
        ApiResponse noScope = api(writeOnly).extension().get(path(Messages.INVOICE, writeOnly.locationId()));
        assertThat(noScope.status()).isEqualTo(401);
        assertThat(anonymous().extension().get(path(Messages.INVOICE, tenant.locationId())).status()).isEqualTo(401);
    }
}
