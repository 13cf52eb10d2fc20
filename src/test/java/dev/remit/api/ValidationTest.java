package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;

/** 422 over HTTP: one answer naming every violated constraint of a body or a query, class-validator style. */
class ValidationTest extends ApiTestBase {

    @Test
    void everyViolatedConstraintOfABodyIsNamedAtOnce() {
        Tenant tenant = newTenant();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "");
        item.put("qty", -1);
        item.put("amount", "ten");
        item.put("taxes", List.of(Map.of("name", "VAT", "rate", "high"), Map.of("rate", 5)));
        item.put("foo", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", "");
        body.put("altType", "company");
        body.put("items", List.of(Map.of("name", "ok", "qty", 1, "amount", 1), item));
        body.put("liveMode", "yes");
        body.put("bar", true);

        ApiResponse response = api(tenant).extension().post("/invoices/_probe/invoice", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(422);
        assertThat(response.json().path("error").asString()).isEqualTo("Unprocessable Entity");
        assertThat(response.json().path("message").isArray()).isTrue();
        assertThat(response.messages()).containsExactlyInAnyOrder(
                "property bar should not exist",
                "items.1.property foo should not exist",
                "items.1.amount must be a number conforming to the specified constraints",
                "items.1.taxes.0.rate must be a number conforming to the specified constraints",
                "liveMode must be a boolean value",
                "altId should not be empty",
                "altType must be one of the following values: location",
                "name should not be empty",
                "items.1.name should not be empty",
                "items.1.qty must be a positive number",
                "items.1.taxes.1.name should not be empty");
    }

    @Test
    void wrongShapesAreNamedOnceEach() {
        Tenant tenant = newTenant();
        ApiResponse response = api(tenant).extension().post("/invoices/_probe/invoice",
                Map.of("altId", 42, "altType", List.of("location"), "name", Map.of("first", "x"), "items", "none"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.messages()).containsExactlyInAnyOrder(
                "altId must be a string",
                "altType must be a string",
                "name must be a string",
                "items must be an array");

        ApiResponse notObject = api(tenant).extension().post("/invoices/_probe/invoice", List.of(1, 2));
        assertThat(notObject.status()).isEqualTo(422);
        assertThat(notObject.messages()).contains("request body must be a JSON object");

        ApiResponse nestedNotObject = api(tenant).extension().post("/invoices/_probe/invoice",
                Map.of("altId", tenant.locationId(), "altType", "location", "name", "n", "items", List.of("a string")));
        assertThat(nestedNotObject.messages()).containsExactly("nested property items.0 must be either object or array");
    }

    @Test
    void everyMessageAndTheirNumberAreBoundedWhateverTheRequestEchoes() {
        Tenant tenant = newTenant();
        String longName = "x".repeat(40_000); // under the parser's own limit on a name (50,000)
        ApiResponse longProperty = api(tenant).extension().post("/invoices/_probe/invoice",
                "{\"" + longName + "\":1}");
        assertThat(longProperty.status()).as(longProperty.raw().substring(0, Math.min(300, longProperty.raw().length()))).isEqualTo(422);
        assertThat(longProperty.raw().length()).isLessThan(2000);
        assertThat(longProperty.messages()).anySatisfy(message -> {
            assertThat(message).startsWith("property xxx").endsWith("…");
            assertThat(message.length()).isEqualTo(ApiError.MAX_MESSAGE_LENGTH);
        });

        StringBuilder many = new StringBuilder("{\"altId\":\"").append(tenant.locationId())
                .append("\",\"altType\":\"location\",\"name\":\"n\",\"items\":[");
        for (int i = 0; i < 500; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":1,\"qty\":\"a\",\"amount\":true}");
        }
        ApiResponse manyWrong = api(tenant).extension().post("/invoices/_probe/invoice", many.append("]}").toString());
        assertThat(manyWrong.status()).isEqualTo(422);
        assertThat(manyWrong.messages()).hasSize(ApiError.MAX_MESSAGES);
        assertThat(manyWrong.messages().get(0)).isEqualTo("items.0.name must be a string");
        assertThat(manyWrong.messages().get(ApiError.MAX_MESSAGES - 1)).isEqualTo("… and 1401 more");
    }

    @Test
    void queriesAreCheckedTheSameWay() {
        Tenant tenant = newTenant();
        ApiResponse response = api(tenant).extension().get("/invoices/_probe/settings?altType=agency&foo=1");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.messages()).containsExactlyInAnyOrder(
                "property foo should not exist",
                "altId should not be empty",
                "altType must be one of the following values: location");
    }
}
