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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.LineItem;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Documents;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An invoice and sender settings holding text no document can hold (a lone surrogate, U+FFFF, C0
 * control characters), stored past the API's checks: the email (subject, sender, text, HTML and the
 * PDF) and the SMS are delivered at once, with those characters replaced.
 */
@SendServerTest
class UnrenderableTextSendTest extends ApiTestBase {

    /** As in UnrenderableTextTest: NUL only inside the JSON document, which PostgreSQL can hold. */
    static final String HOSTILE = "Zo\u00eb\u0001 \uD800Smith\uFFFF\u0007\uFFFE\uDC00 & Co";
    static final String HOSTILE_WITH_NUL = HOSTILE + "\u0000\u001b[0m";

    @Autowired
    InvoiceService invoices;

    @Test
    void theEmailAndTheSmsOfAnInvoiceWithSuchTextAreDeliveredWithItReplaced() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        String email = "unrenderable@customer.example";
        String phone = "+12145559901";
        TWILIO.stubFor(post(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM9901\",\"status\":\"queued\"}")));
        ApiResponse created = api(tenant).post("/invoices", invoice(tenant, email, phone));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String invoiceId = created.json().path("_id").asString();
        invoices.revise(tenant.locationId(), invoiceId, stored -> hostile(stored.content()));
        invoices.saveSettings(tenant.locationId(), new InvoiceSettings(null,
                new InvoiceSettings.SenderConfiguration(HOSTILE_WITH_NUL, "billing@acme.example"), null, null, null, null, null,
                HOSTILE_WITH_NUL));

        Map<String, Object> send = InvoiceBodies.seedSend(tenant, "sms_and_email", true);
        send.remove("sentFrom");
        send.remove("autoPayment");
        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", send);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(tenant, invoiceId).findValues("status").stream()
                .filter(status -> !status.asString().equals("queued")).count() == 2);
        JsonNode log = deliveries(tenant, invoiceId);
        assertThat(log.findValuesAsString("status")).as(log.toString()).containsOnly("sent");
        assertThat(log.findValues("attempts")).allMatch(attempts -> attempts.asInt() == 1);

        MimeMessage mime = SendInvoiceTest.mailbox(email)[0];
        assertThat(mime.getSubject()).contains("Smith").satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);
        assertThat(((InternetAddress) mime.getFrom()[0]).getPersonal()).contains("Smith")
                .satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);
        Multipart mixed = (Multipart) mime.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("Smith", "\uFFFD").satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);
        assertThat(html).contains("Smith").satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);
        assertThat(Documents.htmlErrors(html)).isEmpty();
        String pdf = Documents.pdfText(mixed.getBodyPart(1).getInputStream().readAllBytes());
        assertThat(pdf).contains("Smith", "Water heater repair").satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);

        String sms = TWILIO.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone))).get(0)
                .formParameters().get("Body").firstValue();
        assertThat(sms).contains("Smith").satisfies(UnrenderableTextSendTest::holdsOnlyTextRule);
    }

    private JsonNode deliveries(Tenant tenant, String invoiceId) {
        return api(tenant).extension().get("/invoices/" + invoiceId + "/deliveries?altId=" + tenant.locationId()
                + "&altType=location").json();
    }

    static void holdsOnlyTextRule(String text) {
        assertThat(text.codePoints().filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                || Character.isSurrogate((char) c))).as("unrenderable characters in %s", text).isEmpty();
    }

    static InvoiceContent hostile(InvoiceContent c) {
        List<LineItem> items = c.items().stream().map(item -> new LineItem(item.id(), item.name() + HOSTILE_WITH_NUL,
                HOSTILE_WITH_NUL, item.productId(), item.priceId(), item.currency(), item.amount(), item.qty(), item.taxes(),
                item.automaticTaxCategoryId(), item.isSetupFeeItem(), item.type(), item.taxInclusive())).toList();
        ObjectNode business = ((ObjectNode) c.businessDetails()).deepCopy().put("name", HOSTILE_WITH_NUL);
        ObjectNode contact = ((ObjectNode) c.contactDetails()).deepCopy().put("name", HOSTILE);
        return new InvoiceContent(HOSTILE, HOSTILE_WITH_NUL, c.currency(), c.issueDate(), c.dueDate(), items, c.discount(),
                HOSTILE_WITH_NUL, "INV\u0007\uFFFF-", c.liveMode(), c.automaticTaxesEnabled(), business, contact, c.sentTo(),
                c.paymentSchedule(), c.miscellaneousCharges(), c.charges(), c.extras());
    }
}
