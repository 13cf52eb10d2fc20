package dev.remit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.remit.support.GreenMailStub.GREEN_MAIL;
import static dev.remit.support.TwilioStub.TWILIO;
import static dev.remit.support.TwilioStub.TWILIO_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiResponse;
import dev.remit.support.EstimateFlow;
import dev.remit.support.Tenant;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * POST /invoices/estimate/{estimateId}/send end to end, through the invoice's delivery pipeline:
 * GreenMail and WireMock receive what the workers deliver, with the link to the estimate's page;
 * and the customer's Accept turning an estimate with autoInvoice into an invoice that is sent.
 */
@SendServerTest
class SendEstimateTest extends dev.remit.support.ApiTestBase {

    @org.springframework.beans.factory.annotation.Value("${remit.data-dir}")
    Path dataDir;

    private static final AtomicInteger NEXT = new AtomicInteger(5000);

    record Customer(String email, String phone) {
    }

    Customer customer() {
        int n = NEXT.incrementAndGet();
        String phone = String.format("+1214556%04d", n);
        TWILIO.stubFor(post(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM" + n + "\",\"status\":\"queued\"}")));
        return new Customer("quote" + n + "@customer.example", phone);
    }

    static MimeMessage[] mailbox(String address) {
        return GREEN_MAIL.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    static List<LoggedRequest> texts(String phone) {
        return TWILIO.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)));
    }

    private String estimate(Tenant tenant, Customer customer, boolean liveMode, boolean autoInvoice) {
        Map<String, Object> body = EstimateFlow.body(tenant, customer.email(), customer.phone(), "2099-12-31", autoInvoice);
        body.put("liveMode", liveMode);
        return EstimateFlow.create(api(tenant), body);
    }

    @Test
    void emailAndSmsCarryTheLinkToTheEstimatesPage() throws Exception {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, true, false);

        ApiResponse sent = api(tenant).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "sms_and_email", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("_id").asString()).isEqualTo(estimateId);
        String url = sent.json().path("estimateUrl").asString();
        assertThat(url).startsWith("https://pay.remit.example/e/");
        assertThat(EstimateFlow.token(url)).as("256 bits, base64url").hasSize(43);
        JsonNode email = sent.json().path("emailData");
        assertThat(email.path("sandboxed").asBoolean()).isFalse();
        assertThat(email.path("messages").get(0).path("to").get(0).asString()).isEqualTo(customer.email());
        assertThat(sent.json().path("smsData").path("messages").get(0).path("to").get(0).asString()).isEqualTo(customer.phone());

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1 && texts(customer.phone()).size() == 1);
        MimeMessage mime = mailbox(customer.email())[0];
        assertThat(((InternetAddress) mime.getFrom()[0]).getPersonal()).isEqualTo("Alex");
        assertThat(mime.getSubject()).startsWith("Estimate ").endsWith(" from Acme Plumbing: Kitchen remodel");
        Multipart mixed = (Multipart) mime.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("Hello Pat Doe", "$3,048.00", "Valid until Dec 31, 2099", "To accept or decline it: " + url,
                "- Cabinets: 2 x $1,200.00 (Sales tax 8.25%) = $2,400.00");
        assertThat(html).contains("href=\"" + url + "\"", ">View and accept</a>", "$3,048.00");
        assertThat(dev.remit.support.Documents.htmlErrors(html)).as("the email's HTML parses cleanly").isEmpty();
        assertThat(mixed.getBodyPart(1).getFileName()).startsWith("estimate-").endsWith(".pdf");
        String pdf = dev.remit.support.Documents.pdfText(mixed.getBodyPart(1).getInputStream().readAllBytes());
        assertThat(pdf).contains("ESTIMATE", "Kitchen remodel", "$3,048.00", "Pat Doe");

        String sms = texts(customer.phone()).get(0).formParameters().get("Body").firstValue();
        assertThat(sms).contains("Acme Plumbing", "$3,048.00", "View and accept: " + url);
        assertThat(sms.length()).as(sms).isLessThanOrEqualTo(160);

        await().atMost(Duration.ofSeconds(10)).until(() -> api(tenant).extension().get("/invoices/estimate/" + estimateId
                + "/deliveries?altId=" + tenant.locationId() + "&altType=location").raw().split("\"sent\"").length == 3);
        // the page the link leads to is this estimate's
        String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url.replace("https://pay.remit.example", baseUrl()))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Kitchen remodel", "$3,048.00", "Accept estimate");
    }

    @Test
    void liveModeFalseKeepsEveryMessageOnThisMachine() throws Exception {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, false, false);
        ApiResponse sent = api(tenant).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "sms_and_email", false));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("emailData").path("sandboxed").asBoolean()).isTrue();
        String emailId = sent.json().path("emailData").path("messages").get(0).path("id").asString();
        String smsId = sent.json().path("smsData").path("messages").get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dataDir.resolve("outbox/email/" + emailId + ".eml"))
                && Files.exists(dataDir.resolve("outbox/sms/" + smsId + ".json")));
        assertThat(Files.readString(dataDir.resolve("outbox/sms/" + smsId + ".json"))).contains("/e/");
        Thread.sleep(300);
        assertThat(mailbox(customer.email())).isEmpty();
        assertThat(texts(customer.phone())).isEmpty();
    }

    @Test
    void sendManuallySendsNothingAndGivesTheLink() throws Exception {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, true, false);
        ApiResponse sent = api(tenant).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "send_manually", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("emailData").isEmpty()).isTrue();
        assertThat(sent.json().path("smsData").isEmpty()).isTrue();
        String url = sent.json().path("estimateUrl").asString();
        ApiResponse again = api(tenant).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "send_manually", true));
        assertThat(again.json().path("estimateUrl").asString()).as("one link per estimate").isEqualTo(url);
        Thread.sleep(500);
        assertThat(mailbox(customer.email())).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstResponseAndSendsOnce() throws Exception {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, true, false);
        Map<String, Object> body = EstimateFlow.sendBody(tenant, "email", true);
        String key = "send-estimate-" + estimateId;
        ApiResponse first = api(tenant).withHeader("Idempotency-Key", key).post("/invoices/estimate/" + estimateId + "/send", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        ApiResponse again = api(tenant).withHeader("Idempotency-Key", key).post("/invoices/estimate/" + estimateId + "/send", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw()).isEqualTo(first.raw());
        ApiResponse other = api(tenant).withHeader("Idempotency-Key", key).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "sms", true));
        assertThat(other.status()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length >= 1);
        Thread.sleep(800);
        assertThat(mailbox(customer.email())).hasSize(1);
    }

    @Test
    void refusalsNameWhatIsWrong() {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, true, false);
        Map<String, Object> bad = EstimateFlow.sendBody(tenant, "fax", true);
        bad.remove("userId");
        ApiResponse invalid = api(tenant).post("/invoices/estimate/" + estimateId + "/send", bad);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.messages()).contains("action must be one of the following values: sms_and_email, send_manually, email, sms");

        ApiResponse missing = api(tenant).post("/invoices/estimate/6578278e879ad2646715ba9c/send",
                EstimateFlow.sendBody(tenant, "email", true));
        assertThat(missing.status()).isEqualTo(404);

        Tenant other = newTenant();
        ApiResponse theirs = api(other).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(other, "send_manually", true));
        assertThat(theirs.status()).as("another location's estimate").isEqualTo(404);
        ApiResponse theirAlt = api(other).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "send_manually", true));
        assertThat(theirAlt.status()).as("another location's altId").isEqualTo(403);
    }

    @Test
    void acceptingWithAutoInvoiceMakesTheInvoiceAndSendsItOnce() throws Exception {
        Tenant tenant = newTenant();
        Customer customer = customer();
        String estimateId = estimate(tenant, customer, true, true);
        ApiResponse sent = api(tenant).post("/invoices/estimate/" + estimateId + "/send",
                EstimateFlow.sendBody(tenant, "send_manually", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String token = EstimateFlow.token(sent.json().path("estimateUrl").asString());

        EstimateFlow.Answer accepted = EstimateFlow.accept(baseUrl(), token, "Pat Doe");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(303);
        EstimateFlow.Answer twice = EstimateFlow.accept(baseUrl(), token, "Pat Doe");
        assertThat(twice.status()).as("a second Accept is the same success").isEqualTo(303);

        // the invoice is made, linked to the estimate, and emailed (liveMode true: through SMTP)
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1);
        MimeMessage invoiceEmail = mailbox(customer.email())[0];
        assertThat(invoiceEmail.getSubject()).startsWith("Invoice ").contains("Acme Plumbing");
        JsonNode list = api(tenant).get("/invoices/?altId=" + tenant.locationId() + "&altType=location&limit=10&offset=0").json();
        assertThat(list.path("total").asInt()).as("one invoice").isEqualTo(1);
        JsonNode invoice = list.path("invoices").get(0);
        assertThat(invoice.path("status").asString()).isEqualTo("sent");
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("3048.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from scheduled_tasks where task_name = 'estimate-auto-invoice'").query(Long.class).single() == 0);
        Thread.sleep(500);
        assertThat(mailbox(customer.email())).as("the invoice is sent once").hasSize(1);
        JsonNode estimate = EstimateFlow.read(api(tenant), tenant, estimateId);
        assertThat(estimate.path("estimateStatus").asString()).isEqualTo("invoiced");
        assertThat(estimate.path("invoiceId").asString()).isEqualTo(invoice.path("_id").asString());
    }
}
