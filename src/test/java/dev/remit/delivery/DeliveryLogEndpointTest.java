package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

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

    private static String path(String invoiceId, String locationId) {
        return "/invoices/" + invoiceId + "/deliveries?altId=" + locationId + "&altType=location";
    }

    @Test
    void listsEveryMessageOfTheInvoiceWithWhereItIs() {
        Tenant tenant = newTenant();
        EmailMessage base = Messages.email(tenant.locationId(), "pat@customer.example");
        Queued email = deliveries.enqueue(new EmailMessage(tenant.locationId(), Messages.INVOICE, false, base.fromName(),
                base.fromAddress(), null, base.to(), List.of("sam@customer.example"), List.of(), base.subject(), base.textBody(),
                base.htmlBody(), List.of()));
        Queued sms = deliveries.enqueue(new SmsMessage(tenant.locationId(), Messages.INVOICE, true, "+15551234567", "Pay here"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                deliveries.delivery(tenant.locationId(), email.id()).orElseThrow().status().isFinal()
                && deliveries.delivery(tenant.locationId(), sms.id()).orElseThrow().status().isFinal());

        ApiResponse response = api(tenant).extension().get(path(Messages.INVOICE, tenant.locationId()));
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
        deliveries.enqueue(Messages.sms(owner.locationId(), "+15551234567"));

        ApiResponse forbidden = api(stranger).extension().get(path(Messages.INVOICE, owner.locationId()));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("message").asString()).isEqualTo("The token does not have access to this location.");

        ApiResponse notFound = api(stranger).extension().get(path(Messages.INVOICE, stranger.locationId()));
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
