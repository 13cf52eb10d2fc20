package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.StoredCardNumbers;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * No operation stores a full card or bank account number: every JSON body is checked in one place
 * (AccountNumberRefusal), and last4 is exactly four digits.
 */
class CardNumbersTest extends ApiTestBase {

    private static final String CARD = "4242424242424242";
    private static final String MESSAGE =
            "looks like a full card or bank account number; send only references and the last 4 digits";

    @Test
    void recordPaymentRefusesAFullCardNumberInEveryFieldAndStoresNothing() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant, InvoiceBodies.create(tenant));

        Map<String, Map<String, Object>> attempts = new LinkedHashMap<>();
        attempts.put("card.brand", payment(tenant, "card", Map.of("brand", CARD, "last4", "4242")));
        attempts.put("card.last4", payment(tenant, "card", Map.of("brand", "visa", "last4", CARD)));
        attempts.put("notes", payment(tenant, "notes", "card 4242 4242 4242 4242 exp 12/30"));
        attempts.put("cheque.number", payment(tenant, "cheque", Map.of("number", CARD)));
        attempts.put("meta.pan", payment(tenant, "meta", Map.of("pan", CARD)));
        attempts.put("meta.card.0", payment(tenant, "meta", Map.of("card", List.of(Long.parseLong(CARD)))));
        attempts.put("meta.iban", payment(tenant, "meta", Map.of("iban", "DE89 3704 0044 0532 0130 00")));
        attempts.forEach((path, body) -> {
            ApiResponse refused = api(tenant).post("/invoices/" + invoiceId + "/record-payment", body);
            assertThat(refused.status()).as(path + ": " + refused).isEqualTo(422);
            assertThat(refused.messages()).as(path).containsExactly(path + " " + MESSAGE);
            assertThat(refused.raw()).as(path).doesNotContain("4242 4242", CARD, "0532");
        });

        JsonNode ledger = ledger(tenant, invoiceId);
        assertThat(ledger.path("payments")).isEmpty();
        assertThat(ledger.path("amountPaid").decimalValue()).isZero();
        assertThat(jdbc.sql("select count(*) from invoice_payment where invoice_id = ?").param(invoiceId)
                .query(Integer.class).single()).isZero();
        assertThat(StoredCardNumbers.find(jdbc)).isEmpty();
    }

    @Test
    void last4IsExactlyFourDigitsOrEmpty() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant, InvoiceBodies.create(tenant));
        for (String last4 : List.of("42424", "424", "12345678", "42a4", " 4242")) {
            ApiResponse refused = api(tenant).post("/invoices/" + invoiceId + "/record-payment",
                    payment(tenant, "card", Map.of("brand", "visa", "last4", last4)));
            assertThat(refused.status()).as(last4 + ": " + refused).isEqualTo(422);
            assertThat(refused.messages()).containsExactly("card.last4 must be exactly 4 digits or empty");
        }
        assertThat(ledger(tenant, invoiceId).path("payments")).isEmpty();

        ApiResponse empty = api(tenant).post("/invoices/" + invoiceId + "/record-payment", InvoiceBodies.payment(tenant, 100));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        ApiResponse visa = api(tenant).post("/invoices/" + invoiceId + "/record-payment",
                payment(tenant, "card", Map.of("brand", "visa", "last4", "4242")));
        assertThat(visa.status()).as(visa.toString()).isEqualTo(200);
        assertThat(ledger(tenant, invoiceId).path("payments")).extracting(p -> p.path("card").path("last4").asString())
                .containsExactly("", "4242");
    }

    @Test
    void everyOperationThatWritesRefusesThem() {
        Tenant tenant = newTenant();
        Map<String, Object> create = InvoiceBodies.create(tenant);
        create.put("name", "Invoice for card " + CARD);
        ApiResponse created = api(tenant).post("/invoices/", create);
        assertThat(created.status()).as(created.toString()).isEqualTo(422);
        assertThat(created.messages()).containsExactly("name " + MESSAGE);

        String invoiceId = createInvoice(tenant, InvoiceBodies.create(tenant));
        Map<String, Object> update = InvoiceBodies.update(tenant, List.of(InvoiceBodies.item("Card " + CARD, 10, 1)));
        ApiResponse updated = api(tenant).put("/invoices/" + invoiceId, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(422);
        assertThat(updated.messages()).containsExactly("invoiceItems.0.name " + MESSAGE);

        Map<String, Object> settings = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        settings.put("termsNote", "Pay to GB82 WEST 1234 5698 7654 32");
        ApiResponse put = api(tenant).extension().put("/invoices/settings", settings);
        assertThat(put.status()).as(put.toString()).isEqualTo(422);
        assertThat(put.messages()).containsExactly("termsNote " + MESSAGE);

        ApiResponse send = api(tenant).withHeader("Idempotency-Key", CARD)
                .post("/invoices/" + invoiceId + "/send", InvoiceBodies.seedSend(tenant, "send_manually", false));
        assertThat(send.status()).as(send.toString()).isEqualTo(422);
        assertThat(send.messages()).containsExactly("Idempotency-Key " + MESSAGE);

        assertThat(StoredCardNumbers.find(jdbc)).isEmpty();
    }

    @Test
    void theTableWalkFindsWhatIsStoredInAnyTextColumn() {
        jdbc.sql("create table card_probe (id int primary key, label varchar(64), body text, bytes bytea)").update();
        try {
            jdbc.sql("insert into card_probe values (1, 'plain', '{\"a\":\"ok\"}', null)").update();
            assertThat(StoredCardNumbers.find(jdbc)).isEmpty();
            jdbc.sql("insert into card_probe values (2, ?, ?, ?)").params("card " + CARD, "{\"n\":[1,378282246310005]}",
                    "iban DE89370400440532013000".getBytes(java.nio.charset.StandardCharsets.UTF_8)).update();
            assertThat(StoredCardNumbers.find(jdbc)).containsExactlyInAnyOrder("card_probe.label: card " + CARD,
                    "card_probe.body: {\"n\":[1,378282246310005]}", "card_probe.bytes: iban DE89370400440532013000");
        } finally {
            jdbc.sql("drop table card_probe").update();
        }
    }

    private Map<String, Object> payment(Tenant tenant, String field, Object value) {
        Map<String, Object> body = InvoiceBodies.payment(tenant, 10);
        body.put("mode", "card");
        body.put(field, value);
        return body;
    }

    private String createInvoice(Tenant tenant, Map<String, Object> body) {
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private JsonNode ledger(Tenant tenant, String invoiceId) {
        ApiResponse ledger = api(tenant).extension().get("/invoices/" + invoiceId + "/payments" + InvoiceBodies.q(tenant));
        assertThat(ledger.status()).as(ledger.toString()).isEqualTo(200);
        return ledger.json();
    }
}
