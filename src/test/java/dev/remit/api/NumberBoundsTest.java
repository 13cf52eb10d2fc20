package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/**
 * Numbers are parsed and bounded before any arithmetic: a number a request cannot mean (beyond
 * {@link NumberBounds}, or beyond what the parser can hold at all) is a 422 naming the field, answered
 * at once and small, on every number-typed property of every operation.
 */
class NumberBoundsTest extends ApiTestBase {

    /** At and beyond the limits of BigDecimal's exponent (an int): the first two cannot be parsed at all. */
    static final List<String> PARSER_LIMITS = List.of("1e-2147483648", "0.1e-2147483647", "1e2147483647");
    static final List<String> HUGE = List.of("1e10000000", "1e1000000000", "-1e1000000000", "1e-1000000000",
            "1" + "0".repeat(30), "0." + "0".repeat(30) + "1", "1234567890123456789012345678901234567890");
    static final int SMALL_ANSWER = 2048;
    private static final String MARK = "__number__";
    private static final String NOT_A_NUMBER = " must be a number conforming to the specified constraints";

    /** The body as JSON, with the raw number token written where {@link #MARK} stood. */
    private static String withNumber(Object body, String number) {
        String json = ApiClient.json(body);
        assertThat(json).contains(MARK);
        return json.replace("\"" + MARK + "\"", number);
    }

    private static void assertRefused(ApiResponse response, String field, long startedAt) {
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        assertThat(response.status()).as(response.raw().length() > 500 ? response.raw().substring(0, 500) : response.raw())
                .isEqualTo(422);
        assertThat(response.raw().length()).as("answer size").isLessThan(SMALL_ANSWER);
        assertThat(response.messages()).contains(field + NOT_A_NUMBER);
        assertThat(millis).as("answered in ms").isLessThan(3000);
    }

    private String draft(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    @Test
    void aHugeAmountInRecordPaymentIsRefusedAtOnceWithASmallAnswer() {
        Tenant tenant = newTenant();
        String id = draft(tenant);
        for (String number : List.of("1e10000000", "1e1000000000")) {
            String body = withNumber(InvoiceBodies.payment(tenant, MARK), number);
            assertThat(body.length()).isLessThan(400);
            long start = System.nanoTime();
            ApiResponse response = api(tenant).post("/invoices/" + id + "/record-payment", body);
            assertRefused(response, "amount", start);
            assertThat(response.messages()).containsExactly("amount" + NOT_A_NUMBER);
        }
        ApiResponse invoice = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant));
        assertThat(invoice.json().path("amountPaid").decimalValue()).isZero();
        // an ordinary amount still goes through
        ApiResponse paid = api(tenant).post("/invoices/" + id + "/record-payment", withNumber(InvoiceBodies.payment(tenant, MARK), "1e2"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().path("invoice").path("amountPaid").decimalValue()).isEqualByComparingTo("100");
    }

    /** Every number-typed property of the invoice bodies, as a path in the body and the body carrying {@link #MARK} there. */
    private static Map<String, Function<Tenant, Object>> numberFields() {
        Map<String, Function<Tenant, Object>> fields = new LinkedHashMap<>();
        fields.put("items.0.amount", t -> InvoiceBodies.create(t, List.of(InvoiceBodies.item("Work", MARK, 1))));
        fields.put("items.0.qty", t -> InvoiceBodies.create(t, List.of(InvoiceBodies.item("Work", 10, MARK))));
        fields.put("items.0.taxes.0.rate", t -> InvoiceBodies.create(t,
                List.of(InvoiceBodies.withTax(InvoiceBodies.item("Work", 10, 1), MARK))));
        fields.put("discount.value", t -> {
            Map<String, Object> body = InvoiceBodies.create(t);
            body.put("discount", Map.of("type", "fixed", "value", MARK));
            return body;
        });
        fields.put("miscellaneousCharges.collectedMiscellaneousCharges", t -> {
            Map<String, Object> body = InvoiceBodies.create(t);
            body.put("miscellaneousCharges", Map.of("charges", List.of(), "collectedMiscellaneousCharges", MARK));
            return body;
        });
        fields.put("miscellaneousCharges.paidCharges.0.amount", t -> {
            Map<String, Object> body = InvoiceBodies.create(t);
            body.put("miscellaneousCharges", Map.of("charges", List.of(), "paidCharges",
                    List.of(Map.of("name", "fee", "charge", 1, "amount", MARK, "_id", "6578278e879ad2646715ba01"))));
            return body;
        });
        return fields;
    }

    @Test
    void numbersAtAndBeyondTheParsersLimitsAreRefusedOnEveryNumberField() {
        List<String> numbers = new ArrayList<>(PARSER_LIMITS);
        numbers.addAll(HUGE);
        for (String number : numbers) {
            Tenant tenant = newTenant(); // a tenant per number: each round stays under the location's burst limit
            String id = draft(tenant);
            numberFields().forEach((field, body) -> {
                long start = System.nanoTime();
                assertRefused(api(tenant).post("/invoices/", withNumber(body.apply(tenant), number)), field, start);
            });
            long start = System.nanoTime();
            assertRefused(api(tenant).put("/invoices/" + id, withNumber(InvoiceBodies.update(tenant,
                    List.of(InvoiceBodies.item("Work", MARK, 1))), number)), "invoiceItems.0.amount", start);

            start = System.nanoTime();
            assertRefused(api(tenant).post("/invoices/" + id + "/record-payment",
                    withNumber(InvoiceBodies.payment(tenant, MARK), number)), "amount", start);

            Map<String, Object> text2pay = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Work", 10, MARK)));
            text2pay.put("action", "draft");
            text2pay.put("userId", tenant.userId());
            start = System.nanoTime();
            assertRefused(api(tenant).post("/invoices/text2pay", withNumber(text2pay, number)), "items.0.qty", start);

            Map<String, Object> settings = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
            settings.put("dueAfterXDays", MARK);
            start = System.nanoTime();
            ApiResponse refused = api(tenant).extension().put("/invoices/settings", withNumber(settings, number));
            assertThat(refused.status()).as(number + " " + refused).isEqualTo(422);
            assertThat(refused.raw().length()).isLessThan(SMALL_ANSWER);
            assertThat(refused.messages()).hasSize(1);
            assertThat(refused.messages().get(0)).startsWith("dueAfterXDays must be");

            ApiResponse list = api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0");
            assertThat(list.json().path("total").asInt()).as("nothing but the first draft was created").isEqualTo(1);
        }
    }

    @Test
    void numbersWithinTheBoundsInAnyNotationAreRead() {
        Tenant tenant = newTenant();
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Work", MARK, 1)));
        ApiResponse created = api(tenant).post("/invoices/", withNumber(body, "1.2050000000000000000000000000000e2"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("total").decimalValue()).isEqualByComparingTo("120.5");
        ApiResponse zero = api(tenant).post("/invoices/", withNumber(InvoiceBodies.create(tenant,
                List.of(InvoiceBodies.item("Free", MARK, 1))), "0e-2000000000"));
        assertThat(zero.status()).as(zero.toString()).isEqualTo(200);
        assertThat(zero.raw()).contains("\"total\":0,");
    }

    @Test
    void numbersBeyondTheParserInFreeFormPropertiesAreRefusedNamingThePath() {
        Tenant tenant = newTenant();
        String id = draft(tenant);
        Map<String, Object> payment = InvoiceBodies.payment(tenant, 1);
        payment.put("meta", Map.of("nested", List.of(MARK)));
        for (String number : List.of("1e-2147483648", "0.1e-2147483647")) {
            long start = System.nanoTime();
            ApiResponse response = api(tenant).post("/invoices/" + id + "/record-payment", withNumber(payment, number));
            assertRefused(response, "meta.nested.0", start);
        }
    }
}
