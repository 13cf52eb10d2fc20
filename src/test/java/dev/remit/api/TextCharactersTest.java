package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/**
 * The characters refused at the edge: C0 control characters other than tab, line feed and carriage
 * return, unpaired surrogates and Unicode noncharacters, in every string of every request; refused
 * with a 422 naming the property, so that nothing stored can trip a renderer or a mail encoder.
 */
class TextCharactersTest extends ApiTestBase {

    /** JSON string escapes, so the body really carries the unpaired surrogate. */
    static final List<String> REFUSED = List.of("\\u0001", "\\u001f", "\\u0008", "\\u000b", "\\ud800", "\\udc00",
            "x\\udbff", "\\uffff", "\\ufffe", "\\ufdd0", "\\ud83f\\udffe");
    static final List<String> KEPT = List.of("\\t", "\\n", "\\r\\n", "\\u00e9", "\\ud83d\\ude00", "\\u202e", "\\u2028",
            "\\ufeff", "\\u007f", "\\u0085");
    private static final String MARK = "__text__";

    private static String withText(Object body, String escaped) {
        String json = ApiClient.json(body);
        assertThat(json).contains(MARK);
        return json.replace(MARK, "Acme " + escaped + " Ltd");
    }

    private static Map<String, Object> create(Tenant tenant, String field) {
        Map<String, Object> body = InvoiceBodies.create(tenant);
        switch (field) {
            case "name", "title", "termsNotes" -> body.put(field, MARK);
            case "items.0.name" -> body.put("items", List.of(InvoiceBodies.item(MARK, 10, 1)));
            case "contactDetails.name" -> {
                Map<String, Object> contact = InvoiceBodies.contact();
                contact.put("name", MARK);
                body.put("contactDetails", contact);
            }
            case "businessDetails.name" -> body.put("businessDetails", Map.of("name", MARK));
            default -> throw new IllegalArgumentException(field);
        }
        return body;
    }

    @Test
    void controlCharactersUnpairedSurrogatesAndNoncharactersAreRefusedInEveryName() {
        Tenant tenant = newTenant();
        for (String text : REFUSED) {
            for (String field : List.of("name", "title", "termsNotes", "items.0.name", "contactDetails.name",
                    "businessDetails.name")) {
                ApiResponse refused = api(tenant).post("/invoices/", withText(create(tenant, field), text));
                assertThat(refused.status()).as(field + " with " + text + ": " + refused).isEqualTo(422);
                assertThat(refused.messages()).as(field + " with " + text).containsExactly(
                        field + " must not contain control characters, unpaired surrogates or noncharacters");
            }
        }
        ApiResponse list = api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0");
        assertThat(list.json().path("total").asInt()).isZero();
    }

    @Test
    void theRuleHoldsOnUpdateText2PaySettingsPaymentsAndFreeFormProperties() {
        Tenant tenant = newTenant();
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        String id = created.json().path("_id").asString();
        String refused = "\\uffff";

        Map<String, Object> update = InvoiceBodies.update(tenant, List.of(InvoiceBodies.item("Work", 10, 1)));
        update.put("title", MARK);
        assertThat(api(tenant).put("/invoices/" + id, withText(update, refused)).messages())
                .containsExactly("title must not contain control characters, unpaired surrogates or noncharacters");

        Map<String, Object> text2pay = create(tenant, "name");
        text2pay.put("action", "draft");
        text2pay.put("userId", tenant.userId());
        assertThat(api(tenant).post("/invoices/text2pay", withText(text2pay, "\\u0002")).messages())
                .containsExactly("name must not contain control characters, unpaired surrogates or noncharacters");

        Map<String, Object> settings = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        settings.put("title", MARK);
        ApiResponse badSettings = api(tenant).extension().put("/invoices/settings", withText(settings, "\\ud800"));
        assertThat(badSettings.status()).isEqualTo(422);
        assertThat(badSettings.messages())
                .containsExactly("title must not contain control characters, unpaired surrogates or noncharacters");

        Map<String, Object> payment = InvoiceBodies.payment(tenant, 1);
        payment.put("notes", MARK);
        payment.put("meta", Map.of("reference", List.of("ok", MARK)));
        assertThat(api(tenant).post("/invoices/" + id + "/record-payment", withText(payment, "\\u0007")).messages())
                .containsExactlyInAnyOrder(
                        "notes must not contain control characters, unpaired surrogates or noncharacters",
                        "meta.reference.1 must not contain control characters, unpaired surrogates or noncharacters");

        ApiResponse query = api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0&search=a%01b");
        assertThat(query.status()).isEqualTo(422);
        assertThat(query.messages())
                .containsExactly("search must not contain control characters, unpaired surrogates or noncharacters");
    }

    @Test
    void tabsNewlinesAndOtherUnicodeAreKept() {
        Tenant tenant = newTenant();
        for (String text : KEPT) {
            ApiResponse created = api(tenant).post("/invoices/", withText(create(tenant, "termsNotes"), text));
            assertThat(created.status()).as(text + ": " + created).isEqualTo(200);
            String expected = ApiClient.tree("\"Acme " + text + " Ltd\"").asString();
            assertThat(created.json().path("termsNotes").asString()).isEqualTo(expected);
        }
    }
}
