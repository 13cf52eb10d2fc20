package dev.remit.payment;

import static dev.remit.payment.StripeStub.TEST_KEY;
import static dev.remit.payment.StripeStub.WEBHOOK_SECRET;

import dev.remit.support.InvoiceBodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/** Payments over the real invoice capability: one ledger for record-payment and Stripe, read through the API. */
class InvoicePaymentFlowTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    InvoiceService invoiceService;

    @Autowired
    AutoPayments autoPayments;

    @Autowired
    TransactionTemplate transaction;

    static Map<String, Object> createBody(Tenant tenant, Object amount, String dueDate) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "Boiler service");
        item.put("currency", "USD");
        item.put("amount", amount);
        item.put("qty", 1);
        item.put("taxes", new ArrayList<>());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Boiler service");
        body.put("businessDetails", Map.of("name", "Acme Plumbing"));
        body.put("currency", "USD");
        body.put("items", List.of(item));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", Map.of("id", "c6tZZU0rJBf30ZXx9Gli", "name", "Jo Customer", "email", "jo@example.com",
                "phoneNo", "+12145596993", "address", Map.of("countryCode", "US")));
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", dueDate);
        body.put("sentTo", Map.of("email", List.of("jo@example.com")));
        body.put("liveMode", false);
        return body;
    }

    String createInvoice(Tenant tenant, Object amount) {
        return createInvoiceVia(api(tenant), tenant, amount);
    }

    String createInvoiceVia(dev.remit.support.ApiClient client, Tenant tenant, Object amount) {
        ApiResponse created = client.post("/invoices/", createBody(tenant, amount, "2026-02-10"));
        assertThat(created.status()).as(created.raw()).isBetween(200, 201);
        return created.json().path("_id").asString();
    }

    /** What the send endpoint does for payments: marks the invoice sent with autoPayment; payment schedules the charge when it hears of it. */
    void send(Tenant tenant, String invoiceId, JsonNode autoPayment) {
        transaction.executeWithoutResult(status -> {
            invoiceService.send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, autoPayment, unchecked -> { });
        });
    }

    JsonNode ledger(Tenant tenant, String invoiceId) {
        ApiResponse response = api(tenant).extension()
                .get("/invoices/" + invoiceId + "/payments?altId=" + tenant.locationId() + "&altType=location");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    JsonNode invoice(Tenant tenant, String invoiceId) {
        return api(tenant).get("/invoices/" + invoiceId + "?altId=" + tenant.locationId() + "&altType=location").json();
    }

    static BigDecimal sum(JsonNode ledger) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode p : ledger.path("payments")) {
            sum = sum.add(p.path("amount").decimalValue());
        }
        return sum;
    }

    @Test
    void anInvoiceSentWithAutoPaymentIsChargedOnceAndPaidInTheLedger() {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 999);
        StripeStub.chargeSucceeds("pi_flow_" + invoiceId, 99900, "usd", invoiceId, tenant.locationId());

        send(tenant, invoiceId, AutoPaymentTest.autoPayment(true));

        await().atMost(Duration.ofSeconds(20)).until(() -> invoice(tenant, invoiceId).path("status").asString().equals("paid"));
        JsonNode invoice = invoice(tenant, invoiceId);
        assertThat(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("999");
        assertThat(invoice.path("amountDue").decimalValue()).isEqualByComparingTo("0");
        JsonNode ledger = ledger(tenant, invoiceId);
        assertThat(ledger.path("payments")).hasSize(1);
        JsonNode payment = ledger.path("payments").get(0);
        assertThat(payment.path("mode").asString()).isEqualTo("card");
        assertThat(payment.path("source").asString()).isEqualTo("stripe");
        assertThat(payment.path("providerRef").asString()).isEqualTo("pi_flow_" + invoiceId);
        assertThat(payment.path("card").path("brand").asString()).isEqualTo("visa");
        assertThat(payment.path("card").path("last4").asString()).isEqualTo("4242");
        assertThat(sum(ledger)).isEqualByComparingTo(invoice.path("amountPaid").decimalValue());
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoiceId)).hasSize(1);
    }


    @Test
    void theSeedsSendRequestWithAutoPaymentIsChargedOnceInTestMode() {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 999);
        StripeStub.chargeSucceeds("pi_seed_" + invoiceId, 99900, "usd", invoiceId, tenant.locationId());

        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", false));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        // Sent again (a reminder): still one charge.
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", false)).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> invoice(tenant, invoiceId).path("status").asString().equals("paid"));
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> charges =
                StripeStub.requests("POST", "/v1/payment_intents", invoiceId);
        assertThat(charges).hasSize(1);
        assertThat(StripeStub.form(charges.get(0))).containsEntry("customer", "cus_PMHmG7bK1d2WbS")
                .containsEntry("payment_method", "pm_1OXj2bLkdIwHu7ix0DxJq2Bv").containsEntry("off_session", "true")
                .containsEntry("payment_method_types[0]", "card").containsEntry("amount", "99900");
        assertThat(charges.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TEST_KEY);
        assertThat(ledger(tenant, invoiceId).path("payments")).hasSize(1);
    }

    @Autowired
    DeliveryPaymentNotifications deliveryNotifications;

    @Autowired
    dev.remit.delivery.DeliveryService deliveries;

    @Autowired
    InvoicePayments invoicePayments;

    @org.springframework.beans.factory.annotation.Value("${remit.data-dir}")
    String dataDir;

    /** The email a sandboxed delivery wrote to the file outbox, once it is written. */
    jakarta.mail.internet.MimeMessage outboxEmail(Tenant tenant, dev.remit.delivery.Delivery queued) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.delivery(tenant.locationId(), queued.id())
                .orElseThrow().providerId() != null);
        String file = deliveries.delivery(tenant.locationId(), queued.id()).orElseThrow().providerId();
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(dataDir).resolve(file))) {
            return new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
        }
    }

    /** The first body part of a type, searched through nested multiparts. */
    static String part(jakarta.mail.Part email, String type) throws Exception {
        if (email.isMimeType(type)) {
            return (String) email.getContent();
        }
        if (email.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void aDeclinedAutoChargeIsToldToTheCustomerAloneInTheInvoiceEmailsDesignAndToTheBusinessApart() throws Exception {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 120);
        Map<String, Object> body = InvoiceBodies.seedSend(tenant, "email", false);
        body.put("sentFrom", Map.of("fromName", "Sam at Acme", "fromEmail", "sam@acme.example"));
        ApiResponse sent = api(tenant).post("/invoices/" + invoiceId + "/send", body);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        PayableInvoice invoice = invoicePayments.find(tenant.locationId(), invoiceId).orElseThrow();
        dev.remit.delivery.Delivery invoiceEmail = deliveries.deliveries(tenant.locationId(), invoiceId).get(0);

        deliveryNotifications.receipt(invoice, new BigDecimal("20"), "visa", "4242");
        deliveryNotifications.autoPaymentFailed(invoice, new BigDecimal("120"), PaymentNotifications.Failure.DECLINED,
                "Your card has insufficient funds.", Instant.parse("2026-12-01T15:00:00Z"));

        List<dev.remit.delivery.Delivery> log = deliveries.deliveries(tenant.locationId(), invoiceId);
        assertThat(log).hasSize(4).allSatisfy(d -> {
            assertThat(d.channel()).isEqualTo(dev.remit.delivery.Channel.EMAIL);
            assertThat(d.sandboxed()).as("a test-mode invoice's messages stay on the machine").isTrue();
        });
        assertThat(log.subList(1, 4)).extracting(dev.remit.delivery.Delivery::to).as("never the customer and staff together")
                .containsExactlyInAnyOrder(List.of("jo@example.com"), List.of("jo@example.com"), List.of("alex@example.com"));

        jakarta.mail.internet.MimeMessage original = outboxEmail(tenant, invoiceEmail);
        jakarta.mail.internet.MimeMessage toCustomer = null;
        jakarta.mail.internet.MimeMessage toStaff = null;
        for (dev.remit.delivery.Delivery d : log.subList(1, 4)) {
            jakarta.mail.internet.MimeMessage email = outboxEmail(tenant, d);
            if (email.getSubject().startsWith("Automatic payment")) {
                if (d.to().contains("jo@example.com")) {
                    toCustomer = email;
                } else {
                    toStaff = email;
                }
            }
        }
        assertThat(toCustomer).as("the customer hears of their declined card").isNotNull();
        assertThat(toCustomer.getFrom()).as("From the invoice's sender").containsExactly(original.getFrom());
        assertThat(toCustomer.getReplyTo()).containsExactly(original.getReplyTo());
        String html = part(toCustomer, "text/html");
        String text = part(toCustomer, "text/plain");
        String number = invoice.number();
        String link = sent.json().path("invoiceUrl").asString();
        assertThat(html).contains(number, "$120.00", "Your card has insufficient funds.", "December 1, 2026",
                "href=\"" + link + "\"", "background-color:#1d4ed8");
        assertThat(dev.remit.support.Documents.htmlErrors(html)).isEmpty();
        assertThat(text).contains(number, "$120.00", "Your card has insufficient funds.", "December 1, 2026", link);
        assertThat(html + text).doesNotContain("alex@example.com");

        assertThat(toStaff).as("the business hears of it too, in an email of its own").isNotNull();
        assertThat(part(toStaff, "text/plain")).contains(number, "Jo Customer", "Your card has insufficient funds.");
    }

    @Test
    void aFailureThatIsTheBusinesssProblemGoesToTheBusinessOnly() throws Exception {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 120);
        send(tenant, invoiceId, null);
        PayableInvoice invoice = invoicePayments.find(tenant.locationId(), invoiceId).orElseThrow();

        deliveryNotifications.autoPaymentFailed(invoice, new BigDecimal("120"), PaymentNotifications.Failure.BUSINESS,
                "Stripe is not connected for live mode", null);

        List<dev.remit.delivery.Delivery> log = deliveries.deliveries(tenant.locationId(), invoiceId);
        assertThat(log).singleElement().satisfies(d -> assertThat(d.to()).containsExactly("alex@example.com"));
        String text = part(outboxEmail(tenant, log.get(0)), "text/plain");
        assertThat(text).contains(invoice.number(), "Stripe is not connected for live mode", "docs/payments.md",
                "No further automatic attempts");
    }

    @Test
    void anAutoPaymentThatCannotBeChargedYetIsAcceptedWithAWarningAndAnIncompleteOneIsRefused() {
        Tenant unconnected = newTenant();
        String invoiceId = createInvoice(unconnected, 120);
        ApiResponse accepted = api(unconnected).post("/invoices/" + invoiceId + "/send",
                InvoiceBodies.seedSend(unconnected, "email", false));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.json().path("invoice").path("status").asString()).isEqualTo("sent");
        assertThat(accepted.json().path("warnings").size()).isOne();
        assertThat(accepted.json().path("warnings").get(0).asString()).startsWith("autoPayment: ")
                .contains("Stripe is not connected for test mode");
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                .param(unconnected.locationId() + ":" + invoiceId).query(Integer.class).single())
                .as("the charge stays scheduled: Stripe may be connected before the due date").isOne();

        Map<String, Object> off = InvoiceBodies.seedSend(unconnected, "email", false);
        off.put("autoPayment", Map.of("enable", false));
        ApiResponse calledOff = api(unconnected).post("/invoices/" + invoiceId + "/send", off);
        assertThat(calledOff.status()).isEqualTo(200);
        assertThat(calledOff.json().has("warnings")).isFalse();

        Tenant testOnly = connectedTenant();
        String live = createInvoice(testOnly, 120);
        ApiResponse noLiveKey = api(testOnly).post("/invoices/" + live + "/send", InvoiceBodies.seedSend(testOnly, "email", true));
        assertThat(noLiveKey.status()).isEqualTo(200);
        assertThat(noLiveKey.json().path("warnings").size()).isOne();
        assertThat(noLiveKey.json().path("warnings").get(0).asString()).contains("Stripe is not connected for live mode");

        String second = createInvoice(testOnly, 120);
        Map<String, Object> nothingToCharge = InvoiceBodies.seedSend(testOnly, "email", false);
        nothingToCharge.put("autoPayment", Map.of("enable", true, "type", "card"));
        ApiResponse incomplete = api(testOnly).post("/invoices/" + second + "/send", nothingToCharge);
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.messages()).containsExactly(
                "autoPayment.customerId should not be empty when autoPayment.enable is true",
                "autoPayment.paymentMethodId should not be empty when autoPayment.enable is true");
        assertThat(invoice(testOnly, second).path("status").asString()).isEqualTo("draft");
        assertThat(deliveries.deliveries(testOnly.locationId(), second)).isEmpty();

        ApiResponse charged = api(testOnly).post("/invoices/" + second + "/send", InvoiceBodies.seedSend(testOnly, "email", false));
        assertThat(charged.status()).isEqualTo(200);
        assertThat(charged.json().has("warnings")).isFalse();
    }

    @Test
    void theReceiptHasTheInvoiceEmailsDesignWithTheItemsAndHowItWasPaid() throws Exception {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 120);
        send(tenant, invoiceId, null);
        invoiceService.recordPayment(tenant.locationId(), invoiceId, new InvoiceService.PaymentInput(new BigDecimal("120"),
                "card", "stripe", "visa", "4242", null, null, null, "pi_receipt", Instant.now()));
        PayableInvoice invoice = invoicePayments.find(tenant.locationId(), invoiceId).orElseThrow();

        deliveryNotifications.receipt(invoice, new BigDecimal("120"), "visa", "4242");

        List<dev.remit.delivery.Delivery> log = deliveries.deliveries(tenant.locationId(), invoiceId);
        assertThat(log).hasSize(1);
        java.nio.file.Path eml = java.nio.file.Path.of(dataDir, "outbox", "email", log.get(0).id() + ".eml");
        await().atMost(Duration.ofSeconds(20)).until(() -> java.nio.file.Files.exists(eml));
        jakarta.mail.internet.MimeMessage mime;
        try (var in = java.nio.file.Files.newInputStream(eml)) {
            mime = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
        }
        assertThat(mime.getSubject()).startsWith("Receipt from Acme Plumbing: $120.00 for invoice INV-");
        assertThat(mime.getContentType()).startsWith("multipart/alternative");
        jakarta.mail.Multipart alternative = (jakarta.mail.Multipart) mime.getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        for (String body : List.of(text, html)) {
            assertThat(body).contains("Hello Jo Customer", "received your payment of $120.00 with Visa ending 4242",
                    "Boiler service", "The invoice is paid in full.", "Total").doesNotContain("USD 120");
        }
        assertThat(html).contains("max-width:600px", "View receipt");
        assertThat(dev.remit.support.Documents.htmlErrors(html)).isEmpty();
    }

    @Test
    void aRolledBackSendSchedulesNoCharge() {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 10);
        try {
            transaction.executeWithoutResult(status -> {
                invoiceService.send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, AutoPaymentTest.autoPayment(true), unchecked -> { });
                throw new IllegalStateException("the send failed after scheduling");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                .param(tenant.locationId() + ":" + invoiceId).query(Integer.class).single()).isZero();
        assertThat(invoice(tenant, invoiceId).path("status").asString()).isEqualTo("draft");
    }

    @Test
    void manualAndStripePaymentsShareOneLedger() throws Exception {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 300);
        send(tenant, invoiceId, null);
        Map<String, Object> manual = new LinkedHashMap<>();
        manual.put("altId", tenant.locationId());
        manual.put("altType", "location");
        manual.put("mode", "cash");
        manual.put("card", Map.of("brand", "", "last4", ""));
        manual.put("cheque", Map.of("number", ""));
        manual.put("notes", "deposit");
        manual.put("amount", 100);
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/record-payment", manual).status()).isEqualTo(200);

        // The customer pays the rest from the hosted page.
        String token = invoiceService.find(tenant.locationId(), invoiceId).orElseThrow().publicToken();
        StripeStub.checkoutSession("cs_flow_" + invoiceId, invoiceId);
        HttpResponse<String> pay = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pay.statusCode()).isEqualTo(303);
        assertThat(pay.headers().firstValue("Location")).contains(StripeStub.checkoutUrl("cs_flow_" + invoiceId));
        assertThat(StripeStub.form(StripeStub.requests("POST", "/v1/checkout/sessions", invoiceId).get(0)))
                .containsEntry("line_items[0][price_data][unit_amount]", "20000");

        String intent = "pi_page_" + invoiceId;
        StripeStub.chargeSucceeds(intent, 20000, "usd", invoiceId, tenant.locationId());
        String session = """
                {"id":"cs_flow_%s","object":"checkout.session","payment_status":"paid","status":"complete",
                 "amount_total":20000,"currency":"usd","payment_intent":"%s",
                 "metadata":{"invoiceId":"%s","locationId":"%s"}}""".formatted(invoiceId, intent, invoiceId, tenant.locationId());
        String payload = StripeWebhookTest.event("checkout.session.completed", session);
        HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/payments/stripe/webhook/" + tenant.locationId()))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeWebhookTest.sign(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);

        JsonNode invoice = invoice(tenant, invoiceId);
        assertThat(invoice.path("status").asString()).isEqualTo("paid");
        JsonNode ledger = ledger(tenant, invoiceId);
        assertThat(ledger.path("payments")).extracting(p -> p.path("source").asString()).containsExactly("manual", "stripe");
        assertThat(sum(ledger)).isEqualByComparingTo(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("300");
        assertThat(RecordingNotifications.of(invoiceId)).extracting(RecordingNotifications.Sent::kind).containsExactly("receipt");
        // A provider payment means the invoice can no longer simply be voided.
        assertThat(api(tenant).post("/invoices/" + invoiceId + "/void",
                Map.of("altId", tenant.locationId(), "altType", "location")).status()).isIn(400, 422);
    }

    @Test
    void aDeclinedAutoChargeLeavesTheInvoiceOpenAndShowsTheAttempt() {
        Tenant tenant = connectedTenant();
        String invoiceId = createInvoice(tenant, 40);
        StripeStub.chargeDeclined("pi_dec_" + invoiceId, invoiceId);

        send(tenant, invoiceId, AutoPaymentTest.autoPayment(true));

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger(tenant, invoiceId).path("failedAttempts").size() == 1);
        JsonNode ledger = ledger(tenant, invoiceId);
        assertThat(ledger.path("failedAttempts").get(0).path("failureCode").asString()).isEqualTo("card_declined");
        assertThat(ledger.path("payments")).isEmpty();
        assertThat(invoice(tenant, invoiceId).path("status").asString()).isEqualTo("sent");
    }
}
