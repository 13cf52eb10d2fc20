package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * One rule for writing amounts (docs/money.md: no trailing zeros), in every answer: the ledger
 * prints a payment as the invoice does, not at the database's scale (100.00, 0.5000).
 */
class MoneyJsonTest extends ApiTestBase {

    @Test
    void theLedgerWritesAmountsAsTheInvoiceDoes() {
        Tenant tenant = newTenant();
        String kwd = createInvoice(tenant, "KWD", "1.25");
        pay(tenant, kwd, new BigDecimal("0.500"));
        ApiResponse kwdLedger = ledger(tenant, kwd);
        assertThat(kwdLedger.raw()).contains("\"amount\":0.5,", "\"total\":1.25,", "\"amountPaid\":0.5,", "\"amountDue\":0.75,")
                .doesNotContain("0.500", "1.250");
        sameFigures(kwdLedger.json(), invoice(tenant, kwd).json());

        String usd = createInvoice(tenant, "USD", "120");
        pay(tenant, usd, new BigDecimal("100.00"));
        ApiResponse usdLedger = ledger(tenant, usd);
        assertThat(usdLedger.raw()).contains("\"amount\":100,", "\"total\":120,", "\"amountPaid\":100,", "\"amountDue\":20,")
                .doesNotContain("100.0", "120.0");
        sameFigures(usdLedger.json(), invoice(tenant, usd).json());

        for (ApiResponse answer : List.of(kwdLedger, usdLedger, invoice(tenant, kwd), invoice(tenant, usd),
                api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0"),
                pay(tenant, kwd, new BigDecimal("0.250")))) {
            assertThat(decimalsIn(answer.raw())).as(answer.raw()).allSatisfy(number ->
                    assertThat(number).doesNotEndWith("0").doesNotContainIgnoringCase("e"));
        }
    }

    @Test
    void theRuleDropsTrailingZerosAndKeepsHugeNumbersShort() {
        assertThat(MoneyJson.plain(new BigDecimal("100.00"))).hasToString("100");
        assertThat(MoneyJson.plain(new BigDecimal("0.5000"))).hasToString("0.5");
        assertThat(MoneyJson.plain(new BigDecimal("0.0000"))).hasToString("0");
        assertThat(MoneyJson.plain(new BigDecimal("471.32"))).hasToString("471.32");
        assertThat(MoneyJson.plain(new BigDecimal("1E+3"))).hasToString("1000");
        assertThat(MoneyJson.plain(new BigDecimal("1E+1000000")).toString()).hasSizeLessThan(20);
    }

    private static void sameFigures(JsonNode ledger, JsonNode invoice) {
        for (String field : List.of("total", "amountPaid", "amountDue")) {
            assertThat(ledger.path(field).asString()).as(field).isEqualTo(invoice.path(field).asString());
        }
    }

    /** The text of every number with a fraction or an exponent, as the answer writes it. */
    private static List<String> decimalsIn(String json) {
        List<String> decimals = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    decimals.add(parser.getString());
                }
            }
        }
        return decimals;
    }

    private String createInvoice(Tenant tenant, String currency, String amount) {
        Map<String, Object> item = InvoiceBodies.item("Service", new BigDecimal(amount), 1);
        item.put("currency", currency);
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(item));
        body.put("currency", currency);
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private ApiResponse pay(Tenant tenant, String invoiceId, BigDecimal amount) {
        ApiResponse paid = api(tenant).post("/invoices/" + invoiceId + "/record-payment", InvoiceBodies.payment(tenant, amount));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return paid;
    }

    private ApiResponse invoice(Tenant tenant, String invoiceId) {
        ApiResponse invoice = api(tenant).get("/invoices/" + invoiceId + InvoiceBodies.q(tenant));
        assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
        return invoice;
    }

    private ApiResponse ledger(Tenant tenant, String invoiceId) {
        ApiResponse ledger = api(tenant).extension().get("/invoices/" + invoiceId + "/payments" + InvoiceBodies.q(tenant));
        assertThat(ledger.status()).as(ledger.toString()).isEqualTo(200);
        return ledger;
    }
}
