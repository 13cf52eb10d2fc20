package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/** discount.validOnProductIds holds strings only: any other element is a 422 naming it, on every operation that takes a discount. */
class DiscountProductIdsTest extends ApiTestBase {

    /** Each wrong element, as a JSON value, with the words class-validator uses for it. */
    static final Map<String, String> WRONG = Map.of(
            "null", "discount.validOnProductIds.0 must be a string",
            "1", "discount.validOnProductIds.0 must be a string",
            "{}", "discount.validOnProductIds.0 must be a string",
            "true", "discount.validOnProductIds.0 must be a string",
            "[\"p1\"]", "discount.validOnProductIds.0 must be a string");
    private static final String MARK = "__element__";

    private static Map<String, Object> discount() {
        Map<String, Object> discount = new LinkedHashMap<>();
        discount.put("type", "percentage");
        discount.put("value", 10);
        discount.put("validOnProductIds", Arrays.asList(MARK, "p2"));
        return discount;
    }

    private static String withElement(Map<String, Object> body, String element) {
        return ApiClient.json(body).replace("\"" + MARK + "\"", element);
    }

    @Test
    void aWrongElementIsNamedOnCreateUpdateAndText2Pay() {
        Tenant tenant = newTenant();
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        String id = created.json().path("_id").asString();
        WRONG.forEach((element, message) -> {
            Map<String, Object> create = InvoiceBodies.create(tenant);
            create.put("discount", discount());
            ApiResponse refused = api(tenant).post("/invoices/", withElement(create, element));
            assertThat(refused.status()).as(element + " " + refused).isEqualTo(422);
            assertThat(refused.messages()).as(element).containsExactly(message);

            Map<String, Object> update = InvoiceBodies.update(tenant, List.of(InvoiceBodies.item("Work", 10, 1)));
            update.put("discount", discount());
            ApiResponse updated = api(tenant).put("/invoices/" + id, withElement(update, element));
            assertThat(updated.status()).as(element + " " + updated).isEqualTo(422);
            assertThat(updated.messages()).as(element).containsExactly(message);

            Map<String, Object> text2pay = InvoiceBodies.create(tenant);
            text2pay.put("discount", discount());
            text2pay.put("action", "draft");
            text2pay.put("userId", tenant.userId());
            ApiResponse t2p = api(tenant).post("/invoices/text2pay", withElement(text2pay, element));
            assertThat(t2p.status()).as(element + " " + t2p).isEqualTo(422);
            assertThat(t2p.messages()).as(element).containsExactly(message);
        });
        ApiResponse list = api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0");
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
        ApiResponse unchanged = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant));
        assertThat(unchanged.json().path("name").asString()).isEqualTo("New Invoice");
    }

    @Test
    void productIdsThatAreStringsStillLimitTheDiscount() {
        Tenant tenant = newTenant();
        Map<String, Object> body = InvoiceBodies.create(tenant);
        body.put("discount", discount());
        ApiResponse created = api(tenant).post("/invoices/", withElement(body, "\"p1\""));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("discount").path("validOnProductIds").toString()).isEqualTo("[\"p1\",\"p2\"]");
    }
}
