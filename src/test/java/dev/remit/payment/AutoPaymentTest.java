package dev.remit.payment;

import static dev.remit.payment.StripeStub.TEST_KEY;
import static dev.remit.payment.StripeStub.WEBHOOK_SECRET;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiTestBase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Import(FakeInvoices.Config.class)
class AutoPaymentTest extends ApiTestBase {

    @Autowired
    AutoPayments autoPayments;

    static JsonNode autoPayment(boolean enable) {
        return JsonMapper.builder().build().readTree("""
                {"enable": %s, "type": "card", "paymentMethodId": "pm_card_visa", "customerId": "cus_seed01",
                 "card": {"brand": "visa", "last4": "4242"}}""".formatted(enable));
    }

    FakeInvoices.Invoice invoiceWithAutoPayment(String location, String total, LocalDate due) {
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", total);
        invoice.dueDate = due;
        invoice.autoPayment = autoPayment(true);
        return invoice;
    }

    Instant scheduledAt(String location, FakeInvoices.Invoice invoice) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(AutoPaymentTask.NAME, location + ":" + invoice.id).query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
    }

    void runNow(String location, FakeInvoices.Invoice invoice) {
        jdbc.sql("update scheduled_tasks set execution_time = ? where task_name = ? and task_instance = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), AutoPaymentTask.NAME, location + ":" + invoice.id)
                .update();
    }

    int attempts(String location, FakeInvoices.Invoice invoice, String status) {
        return jdbc.sql("select count(*) from payment_attempt where location_id = ? and invoice_id = ? and kind = 'auto' and status = ?")
                .params(location, invoice.id, status).query(Integer.class).single();
    }

    @Test
    void aPastDueInvoiceIsChargedAtOnceOffSessionAndOnce() {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = invoiceWithAutoPayment(location, "123.45", LocalDate.now().minusDays(2));
        StripeStub.chargeSucceeds("pi_auto_" + invoice.id, 12345, "usd", invoice.id, location);

        assertThat(autoPayments.scheduleAutoPayment(location, invoice.id)).isNotNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> invoice.status.equals("paid"));
        List<LoggedRequest> charges = StripeStub.requests("POST", "/v1/payment_intents", invoice.id);
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).getHeader("Idempotency-Key")).isEqualTo("remit-auto-" + invoice.id + "-12345usd-1");
        assertThat(charges.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TEST_KEY);
        Map<String, String> form = StripeStub.form(charges.get(0));
        assertThat(form).containsEntry("amount", "12345").containsEntry("currency", "usd")
                .containsEntry("customer", "cus_seed01").containsEntry("payment_method", "pm_card_visa")
                .containsEntry("off_session", "true").containsEntry("confirm", "true")
                .containsEntry("payment_method_types[0]", "card")
                .containsEntry("metadata[invoiceId]", invoice.id).containsEntry("metadata[locationId]", location);
        assertThat(invoice.ledger).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualByComparingTo("123.45");
            assertThat(p.cardBrand()).isEqualTo("visa");
            assertThat(p.cardLast4()).isEqualTo("4242");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) == null);
        assertThat(attempts(location, invoice, "succeeded")).isEqualTo(1);
        assertThat(RecordingNotifications.of(invoice.id)).extracting(RecordingNotifications.Sent::kind).containsExactly("receipt");
    }

    @Test
    void aFutureDueDateIsChargedAtTheStartOfThatDayInTheLocationsTimeZone() throws Exception {
        String location = connectedLocation();
        LocalDate due = LocalDate.now().plusDays(10);
        FakeInvoices.Invoice invoice = invoiceWithAutoPayment(location, "50", due);

        autoPayments.scheduleAutoPayment(location, invoice.id);

        assertThat(scheduledAt(location, invoice)).isEqualTo(due.atStartOfDay(ZoneId.of("America/Chicago")).toInstant());
        Thread.sleep(1000);
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoice.id)).isEmpty();
        assertThat(invoice.status).isEqualTo("sent");
        // Scheduling again (a second send) moves, never duplicates, the charge.
        autoPayments.scheduleAutoPayment(location, invoice.id);
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(location + ":" + invoice.id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclineIsRecordedNotifiedAndRetriedOnScheduleUntilItGivesUp() {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = invoiceWithAutoPayment(location, "20", LocalDate.now().minusDays(1));
        StripeStub.chargeDeclined("pi_declined_" + invoice.id, invoice.id);

        autoPayments.scheduleAutoPayment(location, invoice.id);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "failed") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) != null
                && scheduledAt(location, invoice).isAfter(Instant.now().plus(Duration.ofHours(23))));

        Instant first = jdbc.sql("select created_at from payment_attempt where location_id = ? and invoice_id = ? and attempt_no = 1")
                .params(location, invoice.id).query(Timestamp.class).single().toInstant();
        assertThat(scheduledAt(location, invoice)).isCloseTo(first.plus(Duration.ofDays(1)), within());
        assertThat(invoice.status).isEqualTo("sent");
        assertThat(invoice.ledger).isEmpty();
        assertThat(RecordingNotifications.of(invoice.id)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("auto-payment-failed");
            assertThat(n.failure()).as("the customer's own card was declined").isEqualTo(PaymentNotifications.Failure.DECLINED);
            assertThat(n.detail()).contains("insufficient funds");
            assertThat(n.nextAttempt()).isCloseTo(first.plus(Duration.ofDays(1)), within());
        });

        // The retries on days 3 and 5 after the first failure, each with its own idempotency key, then no more.
        runNow(location, invoice);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "failed") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) != null
                && scheduledAt(location, invoice).isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertThat(scheduledAt(location, invoice)).isCloseTo(first.plus(Duration.ofDays(3)), within());
        runNow(location, invoice);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "failed") == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) != null
                && scheduledAt(location, invoice).isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertThat(scheduledAt(location, invoice)).isCloseTo(first.plus(Duration.ofDays(5)), within());
        runNow(location, invoice);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "failed") == 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) == null);

        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoice.id))
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly("remit-auto-" + invoice.id + "-2000usd-1", "remit-auto-" + invoice.id + "-2000usd-2",
                        "remit-auto-" + invoice.id + "-2000usd-3", "remit-auto-" + invoice.id + "-2000usd-4");
        assertThat(RecordingNotifications.of(invoice.id)).hasSize(4).last()
                .satisfies(n -> assertThat(n.nextAttempt()).isNull());
        assertThat(invoice.status).isEqualTo("sent");
    }

    @Test
    void aRetryAfterADeclineCanSucceed() {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = invoiceWithAutoPayment(location, "20", LocalDate.now().minusDays(1));
        StripeStub.chargeDeclined("pi_d2_" + invoice.id, invoice.id);
        autoPayments.scheduleAutoPayment(location, invoice.id);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "failed") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduledAt(location, invoice) != null
                && scheduledAt(location, invoice).isAfter(Instant.now().plus(Duration.ofHours(1))));

        StripeStub.chargeSucceeds("pi_s2_" + invoice.id, 2000, "usd", invoice.id, location);
        runNow(location, invoice);

        await().atMost(Duration.ofSeconds(20)).until(() -> invoice.status.equals("paid"));
        assertThat(invoice.ledger).hasSize(1);
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoice.id)).last()
                .satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).endsWith("-2000usd-2"));
    }

    @Test
    void itStopsWhenTheInvoiceIsVoidedPaidOrAutoPaymentIsTurnedOff() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice voided = invoiceWithAutoPayment(location, "20", LocalDate.now().plusDays(3));
        FakeInvoices.Invoice turnedOff = invoiceWithAutoPayment(location, "20", LocalDate.now().plusDays(3));
        FakeInvoices.Invoice paid = invoiceWithAutoPayment(location, "20", LocalDate.now().plusDays(3));
        for (FakeInvoices.Invoice invoice : List.of(voided, turnedOff, paid)) {
            StripeStub.chargeSucceeds("pi_stop_" + invoice.id, 2000, "usd", invoice.id, location);
            autoPayments.scheduleAutoPayment(location, invoice.id);
        }
        voided.status = "void";
        turnedOff.autoPayment = autoPayment(false);
        paid.ledger.add(new InvoicePayments.ProviderPayment(new java.math.BigDecimal("20"), "USD", "manual", null, null,
                null, null, Instant.now()));
        paid.status = "paid";
        for (FakeInvoices.Invoice invoice : List.of(voided, turnedOff, paid)) {
            runNow(location, invoice);
        }
        for (FakeInvoices.Invoice invoice : List.of(voided, turnedOff, paid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledAt(location, invoice) == null);
            assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoice.id)).isEmpty();
        }
        assertThat(voided.status).isEqualTo("void");
        assertThat(turnedOff.status).isEqualTo("sent");
        assertThat(paid.ledger).hasSize(1);
    }

    @Test
    void aProcessingDebitWaitsInPaymentProcessingForItsWebhook() throws Exception {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = invoiceWithAutoPayment(location, "75", LocalDate.now().minusDays(1));
        String intent = "pi_proc_" + invoice.id;
        StripeStub.SERVER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(invoice.id))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"id":"%s","object":"payment_intent","status":"processing","amount":7500,"currency":"usd",
                         "metadata":{"invoiceId":"%s","locationId":"%s"}}""".formatted(intent, invoice.id, location))));

        autoPayments.scheduleAutoPayment(location, invoice.id);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(location, invoice, "pending") == 1);
        assertThat(invoice.status).isEqualTo("payment_processing");
        // Sending again while the debit is pending does not charge a second time.
        autoPayments.scheduleAutoPayment(location, invoice.id);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduledAt(location, invoice) == null);
        assertThat(StripeStub.requests("POST", "/v1/payment_intents", invoice.id)).hasSize(1);

        String payload = StripeWebhookTest.event("payment_intent.succeeded",
                StripeStub.succeededIntent(intent, 7500, "usd", invoice.id, location));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/payments/stripe/webhook/" + location))
                .header("Stripe-Signature", StripeWebhookTest.sign(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(payload)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(invoice.status).isEqualTo("paid");
        assertThat(attempts(location, invoice, "succeeded")).isEqualTo(1);
    }

    @Test
    void withoutAutoPaymentNothingIsScheduled() {
        String location = connectedLocation();
        FakeInvoices.Invoice invoice = FakeInvoices.create(location, "USD", "20");
        assertThat(autoPayments.scheduleAutoPayment(location, invoice.id)).isNull();
        assertThat(scheduledAt(location, invoice)).isNull();
    }

    @Test
    void whenStripeIsNotConnectedOrRefusesTheKeyTheFailureIsTheBusinesssNotTheCustomers() {
        String unconnected = newLocation();
        FakeInvoices.Invoice noStripe = invoiceWithAutoPayment(unconnected, "20", LocalDate.now().minusDays(1));
        String connected = connectedLocation();
        FakeInvoices.Invoice badKey = invoiceWithAutoPayment(connected, "20", LocalDate.now().minusDays(1));
        StripeStub.keyRejected(badKey.id);

        autoPayments.scheduleAutoPayment(unconnected, noStripe.id);
        autoPayments.scheduleAutoPayment(connected, badKey.id);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(unconnected, noStripe, "failed") == 1
                && attempts(connected, badKey, "failed") == 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> RecordingNotifications.of(noStripe.id).size() == 1
                && RecordingNotifications.of(badKey.id).size() == 1);
        assertThat(RecordingNotifications.of(noStripe.id).get(0).failure()).isEqualTo(PaymentNotifications.Failure.BUSINESS);
        assertThat(RecordingNotifications.of(noStripe.id).get(0).detail()).contains("Stripe is not connected for test mode");
        assertThat(RecordingNotifications.of(badKey.id).get(0).failure()).isEqualTo(PaymentNotifications.Failure.BUSINESS);
        assertThat(RecordingNotifications.of(badKey.id).get(0).detail()).contains("Invalid API Key");
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return org.assertj.core.api.Assertions.within(2, ChronoUnit.SECONDS);
    }
}
