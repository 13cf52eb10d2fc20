package dev.remit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.remit.send.SendBodies.invoice;
import static dev.remit.support.GreenMailStub.GREEN_MAIL;
import static dev.remit.support.TwilioStub.TWILIO;
import static dev.remit.support.TwilioStub.TWILIO_FROM;
import static dev.remit.support.TwilioStub.TWILIO_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import jakarta.mail.internet.MimeMessage;

/** POST /invoices/text2pay: create (or update) and send in one call. */
@SendServerTest
class Text2PayTest extends ApiTestBase {

    static Map<String, Object> body(Tenant tenant, String email, String phone, String action) {
        Map<String, Object> body = invoice(tenant, email, phone);
        body.put("action", action);
        body.put("userId", tenant.userId());
        return body;
    }

    static int texts(String phone) {
        return TWILIO.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone))).size();
    }

    static MimeMessage[] mailbox(String address) {
        return GREEN_MAIL.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    @Test
    void createsAndSendsBySmsAndEmail() {
        Tenant tenant = tenants.connectedInBothModes();
        String phone = "+12145559001";
        TWILIO.stubFor(post(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMt2p\"}")));
        ApiResponse answer = api(tenant).post("/invoices/text2pay", body(tenant, "t2p@customer.example", phone, "send"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("invoice").path("status").asString()).isEqualTo("sent");
        String url = answer.json().path("invoiceUrl").asString();
        assertThat(url).startsWith("https://pay.remit.example/i/");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(phone) == 1 && mailbox("t2p@customer.example").length == 1);
    }

    @Test
    void aDraftIsOnlyCreatedAndAnUpdateKeepsTheInvoice() {
        Tenant tenant = tenants.connectedInBothModes();
        ApiResponse draft = api(tenant).post("/invoices/text2pay", body(tenant, "draft@customer.example", "+12145559002", "draft"));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        assertThat(draft.json().path("invoice").path("status").asString()).isEqualTo("draft");
        String id = draft.json().path("invoice").path("_id").asString();

        Map<String, Object> update = body(tenant, "draft@customer.example", "+12145559002", "draft");
        update.put("id", id);
        update.put("name", "Renamed");
        ApiResponse updated = api(tenant).post("/invoices/text2pay", update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("invoice").path("_id").asString()).isEqualTo(id);
        assertThat(updated.json().path("invoice").path("name").asString()).isEqualTo("Renamed");
        assertThat(mailbox("draft@customer.example")).isEmpty();
    }

    @Test
    void aSendWithoutAPhoneCreatesNothing() {
        Tenant tenant = tenants.connectedInBothModes();
        ApiResponse refused = api(tenant).post("/invoices/text2pay", body(tenant, "nophone@customer.example", null, "send"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.messages().get(0)).contains("needs a phone number");
        ApiResponse list = api(tenant).get("/invoices/?altId=" + tenant.locationId() + "&altType=location&limit=10&offset=0");
        assertThat(list.json().path("total").asInt()).as("the create was rolled back with the send").isZero();
    }
}
