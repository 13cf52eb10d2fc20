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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/** POST /invoices/{invoiceId}/send, end to end: GreenMail and WireMock receive what the workers deliver. */
@SendServerTest
class SendInvoiceTest extends ApiTestBase {

    @org.springframework.beans.factory.annotation.Value("${remit.data-dir}")
    Path dataDir;

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A unique customer per test: an email address and a phone number that Twilio accepts. */
    record Customer(String email, String phone) {
    }

    Customer customer() {
        int n = NEXT.incrementAndGet();
        String phone = String.format("+1214555%04d", n);
        TWILIO.stubFor(post(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM" + n + "\",\"status\":\"queued\"}")));
        return new Customer("pat" + n + "@customer.example", phone);
    }

    String createInvoice(Tenant tenant, Customer customer) {
        ApiResponse created = api(tenant).post("/invoices", invoice(tenant, customer.email(), customer.phone()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    /** The seed's own body, with real values where the page shows {@code <string>}. */
    static MimeMessage[] mailbox(String address) {
        return GREEN_MAIL.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    static List<LoggedRequest> texts(String phone) {
        return TWILIO.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withFormParam("To", equalTo(phone)));
    }

    @Test
    void theSeedsRequestSendsTheInvoiceByEmailAndSms() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);

        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms_and_email", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        JsonNode invoice = sent.json().path("invoice");
        assertThat(invoice.path("_id").asString()).isEqualTo(invoiceId);
        assertThat(invoice.path("status").asString()).isEqualTo("sent");
        assertThat(invoice.path("liveMode").asBoolean()).isTrue();
        assertThat(invoice.path("autoPayment").path("card").path("last4").asString()).isEqualTo("4242");
        assertThat(invoice.path("autoPayment").path("paymentMethodId").asString()).isEqualTo("pm_1OXj2bLkdIwHu7ix0DxJq2Bv");
        JsonNode email = sent.json().path("emailData");
        assertThat(email.path("status").asString()).isEqualTo("queued");
        assertThat(email.path("sandboxed").asBoolean()).isFalse();
        assertThat(email.path("messages").get(0).path("to").get(0).asString()).isEqualTo(customer.email());
        String messageId = email.path("messages").get(0).path("messageId").asString();
        assertThat(messageId).matches("<[0-9a-f]{24}@remit\\.example>");
        JsonNode sms = sent.json().path("smsData");
        assertThat(sms.path("messages").get(0).path("to").get(0).asString()).isEqualTo(customer.phone());
        String url = sent.json().path("invoiceUrl").asString();
        assertThat(url).startsWith("https://pay.remit.example/i/");
        assertThat(url.substring("https://pay.remit.example/i/".length())).as("at least 128 bits").hasSizeGreaterThanOrEqualTo(22);

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1 && texts(customer.phone()).size() == 1);
        MimeMessage mime = mailbox(customer.email())[0];
        assertThat(mime.getMessageID()).isEqualTo(messageId);
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("invoices@remit.example");
        assertThat(from.getPersonal()).isEqualTo("Alex");
        assertThat(((InternetAddress) mime.getReplyTo()[0]).getAddress()).isEqualTo("alex@example.com");
        assertThat(mime.getSubject()).isEqualTo("Invoice INV-" + invoice.path("invoiceNumber").asString()
                + " from Acme Plumbing: Repair");
        Multipart mixed = (Multipart) mime.getContent();
        assertThat(mime.getContentType()).startsWith("multipart/mixed");
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("$1,250.00", "Nov 24, 2026", "Due Dec 24, 2026.", "View and pay: " + url,
                "- Water heater repair: 1 x $1,250.00 = $1,250.00", "(Repair)").doesNotContain("USD 1");
        assertThat(html).contains("$1,250.00", "href=\"" + url + "\"", ">View and pay</a>", "Water heater repair",
                "Repair");
        assertThat(mixed.getBodyPart(1).getFileName()).endsWith(".pdf");
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("application/pdf");
        byte[] pdf = mixed.getBodyPart(1).getInputStream().readAllBytes();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(dev.remit.support.Documents.htmlErrors(html)).as("the email's HTML parses cleanly").isEmpty();

        // the email, the PDF it carries and the hosted page agree to the cent
        String number = "INV-" + invoice.path("invoiceNumber").asString();
        assertThat(dev.remit.support.Documents.pdfText(pdf)).contains(number, "$1,250.00");
        String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url.replace("https://pay.remit.example", "http://localhost:" + port))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains(number, "<td class=\"amount-due\">$1,250.00</td>");

        String body = texts(customer.phone()).get(0).formParameters().get("Body").firstValue();
        assertThat(body).contains("Acme Plumbing", "INV-" + invoice.path("invoiceNumber").asString(), "$1,250.00",
                "is due Dec 24", "View and pay: " + url);
        assertThat(body.length()).as(body).isLessThanOrEqualTo(160);
        assertThat(texts(customer.phone()).get(0).formParameters().get("From").firstValue()).isEqualTo(TWILIO_FROM);

        ApiResponse log = api(tenant).extension().get("/invoices/" + invoiceId + "/deliveries?altId=" + tenant.locationId()
                + "&altType=location");
        assertThat(log.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api(tenant).extension().get("/invoices/" + invoiceId
                + "/deliveries?altId=" + tenant.locationId() + "&altType=location").raw().split("\"sent\"").length == 3);
    }

    @Test
    void autoPaymentIsScheduledWithTheSendAndCalledOffWithEnableFalse() {
        Tenant tenant = tenants.connectedInBothModes();
        String invoiceId = createInvoice(tenant, customer());

        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(scheduledAutoCharges(tenant, invoiceId)).as("the due-date charge commits with the send").isEqualTo(1);

        Map<String, Object> off = InvoiceBodies.seedSend(tenant, "send_manually", true);
        off.put("autoPayment", Map.of("enable", false));
        ApiResponse again = api(tenant).post("/invoices/" + invoiceId + "/send", off);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("invoice").has("autoPayment")).as("enable false clears it").isFalse();
        assertThat(scheduledAutoCharges(tenant, invoiceId)).isZero();
    }

    private long scheduledAutoCharges(Tenant tenant, String invoiceId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'remit-auto-payment' and task_instance = ?")
                .param(tenant.locationId() + ":" + invoiceId).query(Long.class).single();
    }

    @Test
    void withoutSentFromTheLocationsSenderSettingsSend() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        ApiResponse settings = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "senderConfiguration", Map.of("fromName", "Acme Billing", "fromEmail", "billing@acme.example")));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        Map<String, Object> body = InvoiceBodies.seedSend(tenant, "email", true);
        body.remove("sentFrom");
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/send", body).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1);
        MimeMessage mime = mailbox(customer.email())[0];
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Acme Billing");
        assertThat(from.getAddress()).isEqualTo("invoices@remit.example");
        assertThat(((InternetAddress) mime.getReplyTo()[0]).getAddress()).isEqualTo("billing@acme.example");
    }

    @Test
    void emailOnlyAndSmsOnlyUseOneChannel() {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        ApiResponse email = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(email.status()).as(email.toString()).isEqualTo(200);
        assertThat(email.json().path("smsData").isEmpty()).isTrue();
        assertThat(email.json().path("emailData").path("messages").size()).isEqualTo(1);

        ApiResponse sms = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms", true));
        assertThat(sms.status()).as(sms.toString()).isEqualTo(200);
        assertThat(sms.json().path("emailData").isEmpty()).isTrue();
        assertThat(sms.json().path("smsData").path("messages").size()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1 && texts(customer.phone()).size() == 1);
    }

    @Test
    void phoneNumbersComeBackAsWrittenAndTheSmsGoesToTheirE164Form() {
        Tenant tenant = newTenant();
        Customer customer = customer();
        Customer other = customer();
        String written = "(" + customer.phone().substring(2, 5) + ") " + customer.phone().substring(5, 8) + "-"
                + customer.phone().substring(8);
        String otherWritten = "+1-" + other.phone().substring(2, 5) + "-" + other.phone().substring(5, 8) + "-"
                + other.phone().substring(8);
        Map<String, Object> body = invoice(tenant, customer.email(), written);
        body.put("sentTo", Map.of("email", List.of(customer.email()), "phoneNo", List.of(otherWritten)));
        ApiResponse created = api(tenant).post("/invoices", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String invoiceId = created.json().path("_id").asString();
        ApiResponse read = api(tenant).get("/invoices/" + invoiceId + InvoiceBodies.q(tenant));
        assertThat(read.json().path("contactDetails").path("phoneNo").asString()).isEqualTo(written);
        assertThat(read.json().path("sentTo").path("phoneNo").get(0).asString()).isEqualTo(otherWritten);

        ApiResponse sms = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms", true));
        assertThat(sms.status()).as(sms.toString()).isEqualTo(200);
        assertThat(sms.json().path("smsData").path("messages").size()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(customer.phone()).size() == 1 && texts(other.phone()).size() == 1);
        assertThat(api(tenant).get("/invoices/?limit=10&offset=0&search=" + customer.phone().substring(2) + "&"
                + InvoiceBodies.q(tenant).substring(1)).json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void sendManuallyMarksTheInvoiceSentAndSendsNothing() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("invoice").path("status").asString()).isEqualTo("sent");
        assertThat(sent.json().path("emailData").isEmpty()).isTrue();
        assertThat(sent.json().path("smsData").isEmpty()).isTrue();
        assertThat(sent.json().path("invoiceUrl").asString()).startsWith("https://pay.remit.example/i/");
        Thread.sleep(700);
        assertThat(mailbox(customer.email())).isEmpty();
        assertThat(texts(customer.phone())).isEmpty();
    }

    @Test
    void liveModeFalseSendsNothingOverSmtpOrTwilioAndWritesTheOutbox() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms_and_email", false));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("invoice").path("liveMode").asBoolean()).isFalse();
        assertThat(sent.json().path("emailData").path("sandboxed").asBoolean()).isTrue();
        String emailId = sent.json().path("emailData").path("messages").get(0).path("id").asString();
        String smsId = sent.json().path("smsData").path("messages").get(0).path("id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dataDir.resolve("outbox/email/" + emailId + ".eml"))
                && Files.exists(dataDir.resolve("outbox/sms/" + smsId + ".json")));
        assertThat(Files.readString(dataDir.resolve("outbox/email/" + emailId + ".eml"))).contains("To: " + customer.email());
        assertThat(Files.readString(dataDir.resolve("outbox/sms/" + smsId + ".json"))).contains(customer.phone());
        await().atMost(Duration.ofSeconds(10)).until(() -> api(tenant).extension().get("/invoices/" + invoiceId
                + "/deliveries?altId=" + tenant.locationId() + "&altType=location").raw().split("\"sandboxed\"").length == 5);
        Thread.sleep(500);
        assertThat(mailbox(customer.email())).isEmpty();
        assertThat(texts(customer.phone())).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstResponseAndSendsOnce() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        Map<String, Object> body = InvoiceBodies.seedSend(tenant, "email", true);
        ApiResponse first = api(tenant).withHeader("Idempotency-Key", "send-" + invoiceId).post("/invoices/" + invoiceId + "/send", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        ApiResponse again = api(tenant).withHeader("Idempotency-Key", "send-" + invoiceId).post("/invoices/" + invoiceId + "/send", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.raw()).isEqualTo(first.raw());

        Map<String, Object> other = InvoiceBodies.seedSend(tenant, "sms", true);
        ApiResponse conflict = api(tenant).withHeader("Idempotency-Key", "send-" + invoiceId).post("/invoices/" + invoiceId + "/send", other);
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.messages().get(0)).contains("Idempotency-Key");

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length >= 1);
        Thread.sleep(1000);
        assertThat(mailbox(customer.email())).hasSize(1);
        assertThat(texts(customer.phone())).isEmpty();

        ApiResponse noKey = api(tenant).post("/invoices/" + invoiceId + "/send", body);
        assertThat(noKey.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 2);
    }

    @Test
    void withoutStripeTheEmailAndTheSmsPromiseNoPaymentAndGiveThePaymentInstructions() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        accounts.remove(tenant.locationId());
        ApiResponse set = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paymentInstructions", "Bank transfer: routing 021000021, account 000123456789"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);

        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms_and_email", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String url = sent.json().path("invoiceUrl").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1 && texts(customer.phone()).size() == 1);
        Multipart alternative = (Multipart) ((Multipart) mailbox(customer.email())[0].getContent()).getBodyPart(0).getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("View invoice: " + url, "How to pay:", "Bank transfer: routing 021000021, account 000123456789")
                .doesNotContain("View and pay");
        assertThat(html).contains(">View invoice</a>", "How to pay", "routing 021000021").doesNotContain("View and pay");
        assertThat(texts(customer.phone()).get(0).formParameters().get("Body").firstValue()).contains("View invoice: " + url)
                .doesNotContain("pay:");
    }

    @Test
    void aPaidInvoiceIsSentAsACopyAndAVoidOneIsRefused() throws Exception {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", true)).status()).isEqualTo(200);
        ApiResponse paid = api(tenant).post("/invoices/" + invoiceId + "/record-payment", Map.of("altId", tenant.locationId(),
                "altType", "location", "mode", "cash", "card", Map.of("brand", "visa", "last4", "4242"),
                "cheque", Map.of("number", "1"), "notes", "paid in cash", "amount", 1250));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);

        ApiResponse copy = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(copy.status()).as(copy.toString()).isEqualTo(200);
        assertThat(copy.json().path("invoice").path("status").asString()).isEqualTo("paid");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox(customer.email()).length == 1);
        assertThat(mailbox(customer.email())[0].getSubject()).startsWith("Receipt for invoice INV-");

        String other = createInvoice(tenant, customer());
        assertThat(api(tenant).post("/invoices/" + other + "/send", InvoiceBodies.seedSend(tenant, "send_manually", true)).status()).isEqualTo(200);
        assertThat(api(tenant).post("/invoices/" + other + "/void", Map.of("altId", tenant.locationId(), "altType", "location"))
                .status()).isEqualTo(200);
        ApiResponse refused = api(tenant).post("/invoices/" + other + "/send", InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.messages()).containsExactly("A void invoice cannot be sent");
    }

    @Test
    void everyRequestProblemIsA422() {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        String invoiceId = createInvoice(tenant, customer);

        Map<String, Object> card = InvoiceBodies.seedSend(tenant, "email", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> autoPayment = new LinkedHashMap<>((Map<String, Object>) card.get("autoPayment"));
        autoPayment.put("card", Map.of("brand", "visa", "last4", "4242"));
        autoPayment.put("paymentMethodId", "4242 4242 4242 4242");
        card.put("autoPayment", autoPayment);
        ApiResponse fullCard = api(tenant).post("/invoices/" + invoiceId + "/send", card);
        assertThat(fullCard.status()).isEqualTo(422);
        assertThat(fullCard.raw()).doesNotContain("4242 4242").doesNotContain("4242424242424242");
        assertThat(fullCard.messages()).containsExactly(
                "autoPayment.paymentMethodId looks like a full card or bank account number; send only references and the last 4 digits");

        Map<String, Object> iban = InvoiceBodies.seedSend(tenant, "email", true);
        iban.put("sentFrom", Map.of("fromName", "DE89370400440532013000", "fromEmail", "alex@example.com"));
        ApiResponse ibanAnswer = api(tenant).post("/invoices/" + invoiceId + "/send", iban);
        assertThat(ibanAnswer.status()).isEqualTo(422);
        assertThat(ibanAnswer.raw()).doesNotContain("DE89370400440532013000");

        Map<String, Object> last4 = InvoiceBodies.seedSend(tenant, "email", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> ap = new LinkedHashMap<>((Map<String, Object>) last4.get("autoPayment"));
        ap.put("card", Map.of("brand", "visa", "last4", "42424"));
        last4.put("autoPayment", ap);
        ApiResponse badLast4 = api(tenant).post("/invoices/" + invoiceId + "/send", last4);
        assertThat(badLast4.status()).isEqualTo(422);
        assertThat(badLast4.messages()).contains("autoPayment.card.last4 must be exactly 4 digits");

        Map<String, Object> bad = InvoiceBodies.seedSend(tenant, "fax", true);
        bad.remove("liveMode");
        bad.put("foo", 1);
        ApiResponse invalid = api(tenant).post("/invoices/" + invoiceId + "/send", bad);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.messages()).contains("property foo should not exist",
                "action must be one of the following values: sms_and_email, send_manually, email, sms",
                "liveMode should not be empty");

        Map<String, Object> stranger = InvoiceBodies.seedSend(tenant, "email", true);
        stranger.put("userId", "6578278e879ad2646715ba9c");
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/send", stranger).status()).isEqualTo(422);

        ApiResponse unknown = api(tenant).post("/invoices/6578278e879ad2646715ba9c/send", InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asString()).isEqualTo("Invoice not found");

        assertThat(api(tenant).get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location")
                .json().path("status").asString()).as("nothing above changed the invoice").isEqualTo("draft");
    }

    @Test
    void anInvoiceWithNothingToPayIsA422() {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        Map<String, Object> body = invoice(tenant, customer.email(), customer.phone());
        @SuppressWarnings("unchecked")
        Map<String, Object> item = new LinkedHashMap<>(((List<Map<String, Object>>) body.get("items")).get(0));
        item.put("amount", 0);
        body.put("items", List.of(item));
        ApiResponse created = api(tenant).post("/invoices", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        ApiResponse refused = api(tenant).post("/invoices/" + created.json().path("_id").asString() + "/send",
                InvoiceBodies.seedSend(tenant, "email", true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.messages()).containsExactly("The invoice has nothing to pay: its total is 0");
    }

    @Test
    void aChannelWithoutARecipientIsA422() {
        Tenant tenant = tenants.connectedInBothModes();
        Customer customer = customer();
        ApiResponse created = api(tenant).post("/invoices", invoice(tenant, customer.email(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String invoiceId = created.json().path("_id").asString();
        ApiResponse noPhone = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "sms_and_email", true));
        assertThat(noPhone.status()).isEqualTo(422);
        assertThat(noPhone.messages()).containsExactly(
                "action sms_and_email needs a phone number: the invoice has no contactDetails.phoneNo and no sentTo.phoneNo");
        assertThat(api(tenant).get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location")
                .json().path("status").asString()).isEqualTo("draft");
    }

    @Test
    void anotherLocationsTokenIsForbidden() {
        Tenant owner = tenants.connectedInBothModes();
        Tenant stranger = tenants.connectedInBothModes();
        String invoiceId = createInvoice(owner, customer());
        ApiResponse forbidden = api(stranger).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(owner, "email", true));
        assertThat(forbidden.status()).isEqualTo(403);
        ApiResponse notFound = api(stranger).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(stranger, "email", true));
        assertThat(notFound.status()).isEqualTo(404);
    }
}
