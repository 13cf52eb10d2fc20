package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springdoc.core.service.OpenAPIService;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import tools.jackson.databind.JsonNode;

/** The served OpenAPI description (/v3/api-docs) describes the real bodies, queries and answers, under HighLevel's operationIds. */
class ApiDocsTest extends ApiTestBase {

    @Autowired
    OpenAPIService openApi;

    @Test
    void everyAcceptLanguageGetsTheOneCachedDescription() {
        String first = anonymous().extension().withHeader("Version", null).get("/v3/api-docs").raw();
        for (String language : List.of("fr-CA", "de", "x-remit-" + System.nanoTime(), "zh-Hant-TW")) {
            ApiResponse docs = anonymous().extension().withHeader("Version", null).withHeader("Accept-Language", language)
                    .get("/v3/api-docs");
            assertThat(docs.raw()).as(language).isEqualTo(first);
            assertThat(openApi.getCachedOpenAPI(Locale.forLanguageTag(language))).as(language).isNull();
        }
        assertThat(openApi.getCachedOpenAPI(Locale.US)).isNotNull();
    }

    private JsonNode docs() {
        ApiResponse docs = anonymous().extension().withHeader("Version", null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.json();
    }

    /** The operation with that id, not counting the test-only probes (support/ProbeController), which borrow real ids. */
    private static JsonNode operation(JsonNode docs, String operationId) {
        for (var path : docs.path("paths").properties()) {
            for (JsonNode operation : path.getValue()) {
                if (!path.getKey().startsWith("/invoices/_probe") && operationId.equals(operation.path("operationId").asString())) {
                    return operation;
                }
            }
        }
        throw new AssertionError("no operation " + operationId);
    }

    /** A schema with its $ref followed into components. */
    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void createInvoicesBodyIsItsRequestRecord() {
        JsonNode docs = docs();
        JsonNode body = resolve(docs, operation(docs, "create-invoice").path("requestBody").path("content")
                .path("application/json").path("schema"));
        assertThat(names(body.path("properties"))).contains("altId", "altType", "name", "businessDetails", "currency",
                "items", "discount", "contactDetails", "issueDate", "dueDate", "sentTo", "liveMode");
        JsonNode items = body.path("properties").path("items");
        assertThat(items.path("type").asString()).isEqualTo("array");
        JsonNode item = resolve(docs, items.path("items"));
        assertThat(names(item.path("properties"))).contains("name", "currency", "amount", "qty", "taxes");
        List<String> parameters = new ArrayList<>();
        operation(docs, "create-invoice").path("parameters").forEach(p -> parameters.add(p.path("in").asString() + ":"
                + p.path("name").asString()));
        assertThat(parameters).containsExactly("header:Version");
    }

    @Test
    void getInvoicesAnswerIsTheInvoiceResponse() {
        JsonNode docs = docs();
        JsonNode get = operation(docs, "get-invoice");
        JsonNode answer = resolve(docs, get.path("responses").path("200").path("content").path("*/*").isMissingNode()
                ? get.path("responses").path("200").path("content").path("application/json").path("schema")
                : get.path("responses").path("200").path("content").path("*/*").path("schema"));
        assertThat(names(answer.path("properties"))).contains("_id", "status", "altId", "invoiceItems", "total",
                "amountDue", "totalSummary");
        List<String> parameters = new ArrayList<>();
        get.path("parameters").forEach(p -> parameters.add(p.path("in").asString() + ":" + p.path("name").asString()));
        assertThat(parameters).contains("path:invoiceId", "query:altId", "query:altType", "header:Version")
                .doesNotContain("query:location", "query:caller");
    }

    @Test
    void sendAnswersWithTheInvoiceNotAString() {
        JsonNode docs = docs();
        JsonNode content = operation(docs, "send-invoice").path("responses").path("200").path("content");
        JsonNode answer = resolve(docs, content.values().iterator().next().path("schema"));
        assertThat(answer.path("type").asString()).isNotEqualTo("string");
        assertThat(names(answer.path("properties"))).contains("invoice", "smsData", "emailData");
    }

    @Test
    void listInvoicesTakesItsQueryAndNoOperationIdIsSuffixed() {
        JsonNode docs = docs();
        List<String> parameters = new ArrayList<>();
        operation(docs, "list-invoices").path("parameters").forEach(p -> parameters.add(p.path("in").asString() + ":"
                + p.path("name").asString()));
        assertThat(parameters).contains("query:altId", "query:altType", "query:limit", "query:offset", "query:status");
        List<String> operationIds = new ArrayList<>();
        docs.path("paths").properties().stream().filter(path -> !path.getKey().startsWith("/invoices/_probe"))
                .forEach(path -> path.getValue().forEach(operation -> operationIds.add(operation.path("operationId").asString())));
        assertThat(operationIds).contains("create-invoice", "list-invoices", "get-invoice", "send-invoice", "text2pay-invoice");
        assertThat(operationIds).isNotEmpty().noneMatch(id -> id.matches(".*_\\d+$"));
        assertThat(operationIds).doesNotHaveDuplicates();
    }
}
