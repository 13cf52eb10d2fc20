package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every property HighLevel's spec defines for the request bodies and queries of the operations remit
 * serves is accepted, and what an invoice keeps comes back on GET exactly as sent. The bodies are
 * generated from the spec by walking each request schema and giving every property a valid value
 * (by its type or enum, or by what the property means where a bare type would not be valid).
 */
class SpecBodiesTest extends ApiTestBase {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SPEC = read("highlevel/apps/invoices.json");
    private static final String SOME_ID = "6578278e879ad2646715ba9c";

    /** The operations remit serves, by the spec's operationId. */
    @Test
    void createKeepsEveryPropertyOfCreateInvoiceDtoAndReturnsItAsSent() {
        Tenant tenant = newTenant();
        ObjectNode body = body("create-invoice", tenant);
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode read = get(tenant, created.json().path("_id").asString());
        assertReturnedAsSent(body, read, Set.of());
    }

    @Test
    void updateKeepsEveryPropertyOfUpdateInvoiceDtoAndReturnsItAsSent() {
        Tenant tenant = newTenant();
        String id = createdId(tenant);
        ObjectNode body = body("update-invoice", tenant);
        body.put("invoiceNumber", get(tenant, id).path("invoiceNumber").asString());
        body.put("contactId", body.path("contactDetails").path("id").asString());
        ApiResponse updated = api(tenant).put("/invoices/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertReturnedAsSent(body, get(tenant, id), Set.of("contactId"));
    }

    @Test
    void text2payKeepsEveryPropertyOfText2PayDtoAndReturnsItAsSent() {
        Tenant tenant = newTenant();
        String id = createdId(tenant);
        ObjectNode body = body("text2pay-invoice", tenant);
        body.put("id", id);
        ApiResponse answer = api(tenant).post("/invoices/text2pay", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertReturnedAsSent(body, get(tenant, id), Set.of("id", "action", "userId", "includeTermsNote", "invoiceNumber"));
    }

    @Test
    void sendRecordPaymentVoidAndLastVisitedTakeEveryPropertyOfTheirBodies() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String id = createdId(tenant);
        for (String operation : List.of("send-invoice", "record-invoice", "update-invoice-last-visited-at", "void-invoice")) {
            ObjectNode body = body(operation, tenant);
            if (body.has("invoiceId")) {
                body.put("invoiceId", id);
            }
            String path = pathOf(operation).replace("{invoiceId}", id);
            ApiResponse answer = api.send(methodOf(operation), path, body);
            assertThat(answer.status()).as(operation + " with every property: " + answer).isEqualTo(200);
        }
    }

    @Test
    void sendEstimateTakesEveryPropertyOfSendEstimateDto() {
        Tenant tenant = newTenant();
        ApiResponse created = api(tenant).post("/invoices/estimate", dev.remit.support.EstimateBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("_id").asString();
        ObjectNode body = body("send-estimate", tenant);
        ApiResponse answer = api(tenant).post(pathOf("send-estimate").replace("{estimateId}", id), body);
        assertThat(answer.status()).as("send-estimate with every property: " + answer).isEqualTo(201);
    }

    @Test
    void listAndGetTakeEveryQueryParameterOfTheSpec() {
        Tenant tenant = newTenant();
        String id = createdId(tenant);
        for (String operation : List.of("list-invoices", "get-invoice", "generate-invoice-number", "get-invoice-settings")) {
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : operationNode(operation).path("parameters")) {
                if (!"query".equals(parameter.path("in").asString())) {
                    continue;
                }
                String name = parameter.path("name").asString();
                JsonNode value = sample(name, parameter.path("schema"), tenant);
                String text = switch (name) {
                    case "limit" -> "10";
                    case "offset" -> "0";
                    case "search" -> "New";
                    case "status" -> "draft";
                    default -> value.isString() ? value.asString() : value.toString();
                };
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
            }
            ApiResponse answer = api(tenant).get(pathOf(operation).replace("{invoiceId}", id) + query);
            assertThat(answer.status()).as(operation + " with every query parameter: " + answer).isEqualTo(200);
        }
    }

    @Test
    void theSpecsOtherPathsAnswerCannotNotAnInvoiceOperation() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant).extension();
        Set<String> served = new java.util.HashSet<>();
        api.withHeader("Version", null).get("/v3/api-docs").json().path("paths").forEach(
                path -> path.forEach(operation -> served.add(operation.path("operationId").asString())));
        assertThat(served).contains("create-invoice", "send-invoice", "get-invoice-settings");
        List<String> checked = new ArrayList<>();
        SPEC.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (served.contains(operation.getValue().path("operationId").asString())) {
                return;
            }
            String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
            String concrete = path.getKey().replaceAll("\\{[^}]+}", SOME_ID) + InvoiceBodies.q(tenant);
            ApiResponse answer = api.send(method, concrete, method.equals("GET") || method.equals("DELETE") ? null
                    : Map.of("altId", tenant.locationId(), "altType", "location"));
            String bare = concrete.substring(0, concrete.indexOf('?'));
            assertThat(answer.status()).as(method + " " + concrete + ": " + answer).isEqualTo(404);
            assertThat(answer.json().path("message").asString()).as(method + " " + concrete)
                    .isEqualTo("Cannot " + method + " " + bare);
            checked.add(method + " " + path.getKey());
        }));
        // every operation of the spec is served
        assertThat(checked).isEmpty();
    }

    @Test
    void aMalformedInvoiceIdIsStillInvoiceNotFound() {
        Tenant tenant = newTenant();
        ApiResponse answer = api(tenant).get("/invoices/not-an-id" + InvoiceBodies.q(tenant));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.json().path("message").asString()).isEqualTo("Invoice not found");
    }

    @Test
    void estimatesKeepEveryPropertyOfTheirBodiesAndTakeEveryQueryParameterOfTheSpec() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        Set<String> notKept = Set.of("userId", "issueDate", "expiryDate");
        ObjectNode body = body("create-new-estimate", tenant);
        ApiResponse created = api.post("/invoices/estimate", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("_id").asString();
        assertReturnedAsSent(body, itemsAsSent(created.json()), notKept);
        assertThat(created.json().path("issueDate").asString()).isEqualTo("2026-01-10T00:00:00.000Z");
        assertThat(created.json().path("expiryDate").asString()).isEqualTo("2026-02-10T00:00:00.000Z");

        ObjectNode update = body("update-estimate", tenant);
        update.put("name", "updated estimate");
        ApiResponse updated = api.put("/invoices/estimate/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        ObjectNode kept = update.deepCopy();
        kept.remove("estimateStatus");
        JsonNode listed = api.get("/invoices/estimate/list" + InvoiceBodies.q(tenant) + "&limit=10&offset=0&search=" + id)
                .json().path("estimates").get(0);
        assertReturnedAsSent(kept, itemsAsSent(listed), notKept);

        for (String operation : List.of("list-estimates", "generate-estimate-number", "list-estimate-templates")) {
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : operationNode(operation).path("parameters")) {
                if (!"query".equals(parameter.path("in").asString())) {
                    continue;
                }
                String name = parameter.path("name").asString();
                JsonNode value = sample(name, parameter.path("schema"), tenant);
                String text = switch (name) {
                    case "limit" -> "10";
                    case "offset" -> "0";
                    case "search" -> "updated";
                    case "status" -> "draft";
                    case "contactId" -> "6578278e879ad2646715ba9c";
                    default -> value.isString() ? value.asString() : value.toString();
                };
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
            }
            ApiResponse answer = api.get(pathOf(operation) + query);
            assertThat(answer.status()).as(operation + " with every query parameter: " + answer).isEqualTo(200);
        }

        // EstimateTemplatesDto types its items as arrays (as the responses wrongly do): a template's items are
        // estimate lines, objects
        JsonNode lines = body("create-new-estimate", tenant).get("items");
        ObjectNode template = body("create-estimate-template", tenant);
        template.set("items", lines.deepCopy());
        ApiResponse madeTemplate = api.post("/invoices/estimate/template", template);
        assertThat(madeTemplate.status()).as(madeTemplate.toString()).isEqualTo(201);
        String templateId = madeTemplate.json().path("_id").asString();
        assertReturnedAsSent(template, itemsAsSent(madeTemplate.json()), Set.of());
        ApiResponse preview = api.get("/invoices/estimate/template/preview" + InvoiceBodies.q(tenant) + "&templateId="
                + templateId);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertReturnedAsSent(template, itemsAsSent(preview.json()), Set.of());
        ObjectNode templateUpdate = body("update-estimate-template", tenant);
        templateUpdate.set("items", lines.deepCopy());
        ApiResponse changedTemplate = api.put("/invoices/estimate/template/" + templateId, templateUpdate);
        assertThat(changedTemplate.status()).as(changedTemplate.toString()).isEqualTo(200);
        assertReturnedAsSent(templateUpdate, itemsAsSent(changedTemplate.json()), Set.of());

        ObjectNode visited = body("update-estimate-last-visited-at", tenant);
        visited.put("estimateId", id);
        assertThat(api.patch("/invoices/estimate/stats/last-visited-at", visited).status()).isEqualTo(200);
        ObjectNode toInvoice = body("create-invoice-from-estimate", tenant);
        ApiResponse invoiced = api.post("/invoices/estimate/" + id + "/invoice", toInvoice);
        assertThat(invoiced.status()).as(invoiced.toString()).isEqualTo(200);
        assertThat(invoiced.json().path("invoice").path("total").decimalValue())
                .isEqualByComparingTo(invoiced.json().path("estimate").path("total").decimalValue());

        ApiResponse second = api.post("/invoices/estimate", body("create-new-estimate", tenant).put("estimateNumber", 2));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        ApiResponse deleted = api.send("DELETE", "/invoices/estimate/" + second.json().path("_id").asString(),
                body("delete-estimate", tenant));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        ApiResponse deletedTemplate = api.send("DELETE", "/invoices/estimate/template/" + templateId,
                body("delete-estimate-template", tenant));
        assertThat(deletedTemplate.status()).as(deletedTemplate.toString()).isEqualTo(200);
    }

    /** An estimate or estimate template with its items where {@link #assertReturnedAsSent} looks for an invoice's. */
    private static JsonNode itemsAsSent(JsonNode read) {
        ObjectNode copy = (ObjectNode) read.deepCopy();
        copy.set("invoiceItems", read.get("items"));
        return copy;
    }

    // ------------------------------------------------------------------ generating bodies from the spec

    private ObjectNode body(String operationId, Tenant tenant) {
        JsonNode schema = operationNode(operationId).path("requestBody").path("content").path("application/json")
                .path("schema");
        return (ObjectNode) sample("", schema, tenant);
    }

    /** A valid value for a property of the given schema; every property of an object is filled. */
    private static JsonNode sample(String name, JsonNode schema, Tenant tenant) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return JSON.getNodeFactory().stringNode(schema.path("enum").get(0).asString());
        }
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode node = JSON.createObjectNode();
                schema.path("properties").properties().forEach(p -> node.set(p.getKey(), sample(p.getKey(), p.getValue(), tenant)));
                return node;
            }
            case "array": {
                ArrayNode array = JSON.createArrayNode();
                array.add(sample(name, schema.path("items"), tenant));
                return array;
            }
            case "number":
            case "integer":
                return JSON.getNodeFactory().numberNode(1);
            case "boolean":
                return JSON.getNodeFactory().booleanNode(false);
            default:
                return JSON.getNodeFactory().stringNode(text(name, tenant));
        }
    }

    /** A string that is valid for what the property means. */
    private static String text(String name, Tenant tenant) {
        return switch (name) {
            case "altId" -> tenant.locationId();
            case "userId" -> tenant.userId();
            case "currency" -> "USD";
            case "email", "emailCc", "emailBcc", "fromEmail" -> "alex@example.com";
            case "phoneNo" -> "+1-214-559-6993";
            case "issueDate", "fulfilledAt", "startAt" -> "2026-01-10";
            case "dueDate", "endAt", "expiryDate" -> "2026-02-10";
            case "estimateNumberPrefix" -> "EST-";
            case "last4" -> "4242";
            case "invoiceNumber" -> "A-100";
            case "invoiceNumberPrefix" -> "INV-";
            case "schedules" -> "1";
            case "countryCode" -> "US";
            case "logoUrl", "url", "website" -> "https://example.com/" + name;
            case "_id", "id", "productId", "priceId", "taxId", "contactId", "invoiceId", "paymentMethodId", "customerId",
                    "cardId", "automaticTaxCategoryId", "validOnProductIds", "paymentScheduleIds" -> SOME_ID;
            default -> name + " text";
        };
    }

    /** Every leaf of what was sent is in the invoice GET returns, at the same place (items as invoiceItems). */
    private static void assertReturnedAsSent(JsonNode sent, JsonNode read, Set<String> notKept) {
        List<String> missing = new ArrayList<>();
        sent.properties().forEach(p -> {
            if (notKept.contains(p.getKey()) || p.getKey().equals("altType")) {
                return;
            }
            String returnedAs = p.getKey().equals("items") ? "invoiceItems" : p.getKey();
            compare(p.getKey(), p.getValue(), read.path(returnedAs), missing);
        });
        assertThat(missing).as("sent but not returned as sent, in %s", read).isEmpty();
    }

    private static void compare(String at, JsonNode sent, JsonNode returned, List<String> missing) {
        if (sent.isObject()) {
            sent.properties().forEach(p -> compare(at + "." + p.getKey(), p.getValue(), returned.path(p.getKey()), missing));
        } else if (sent.isArray()) {
            for (int i = 0; i < sent.size(); i++) {
                compare(at + "." + i, sent.get(i), returned.path(i), missing);
            }
        } else if (sent.isNumber()) {
            if (!returned.isNumber() || returned.decimalValue().compareTo(sent.decimalValue()) != 0) {
                missing.add(at + " = " + sent + " came back as " + returned);
            }
        } else if (!sent.equals(returned)) {
            missing.add(at + " = " + sent + " came back as " + returned);
        }
    }

    private JsonNode get(Tenant tenant, String id) {
        ApiResponse read = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    private String createdId(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private static JsonNode operationNode(String operationId) {
        for (var path : SPEC.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (operationId.equals(operation.getValue().path("operationId").asString())) {
                    return operation.getValue();
                }
            }
        }
        throw new IllegalArgumentException(operationId);
    }

    private static String pathOf(String operationId) {
        for (var path : SPEC.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (operationId.equals(operation.getValue().path("operationId").asString())) {
                    return path.getKey();
                }
            }
        }
        throw new IllegalArgumentException(operationId);
    }

    private static String methodOf(String operationId) {
        for (var path : SPEC.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (operationId.equals(operation.getValue().path("operationId").asString())) {
                    return operation.getKey().toUpperCase(java.util.Locale.ROOT);
                }
            }
        }
        throw new IllegalArgumentException(operationId);
    }

    private static JsonNode resolve(JsonNode schema) {
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            schema = schema.path("allOf").get(0);
        }
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return resolve(SPEC.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())));
        }
        return schema;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SpecBodiesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
