package dev.remit.template;

import static dev.remit.support.InvoiceBodies.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.TemplateBodies;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Scopes;
import tools.jackson.databind.JsonNode;

/** The seven template operations over HTTP, every answer checked against HighLevel's contract; and invoices from templates. */
class TemplateApiTest extends ApiTestBase {

    private JsonNode created(Tenant tenant, Map<String, Object> body) {
        ApiResponse response = api(tenant).post("/invoices/template", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void createRoundTripsEveryPropertyTheSpecDefines() {
        Tenant tenant = newTenant();
        Map<String, Object> body = TemplateBodies.create(tenant);
        JsonNode template = created(tenant, body);
        String id = template.path("_id").asString();
        assertThat(id).matches("[0-9a-f]{24}");
        // 2 × 500 = 1000, tax 10 % of (1000 − 30 × 1000/1080 = 27.78) → 97.22; + 80 − 30 + 97.22 + 3 = 1150.22
        assertThat(template.path("total").decimalValue()).isEqualByComparingTo("1150.22");

        JsonNode read = api(tenant).get("/invoices/template/" + id + q(tenant)).json();
        assertThat(read.path("altId").asString()).isEqualTo(tenant.locationId());
        assertThat(read.path("altType").asString()).isEqualTo("location");
        assertThat(read.path("name").asString()).isEqualTo("Monthly retainer");
        assertThat(read.path("title").asString()).isEqualTo("RETAINER");
        assertThat(read.path("currency").asString()).isEqualTo("USD");
        assertThat(read.path("internal").asBoolean()).isFalse();
        assertThat(read.path("automaticTaxesEnabled").asBoolean()).isFalse();
        assertThat(read.path("termsNotes").asString()).isEqualTo("<p>Net 30</p>");
        assertThat(read.path("invoiceNumberPrefix").asString()).isEqualTo("RET-");
        assertThat(read.path("businessDetails").path("address").path("city").asString()).isEqualTo("Houston");
        assertThat(read.path("items")).hasSize(2);
        assertThat(read.path("items").get(0).path("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(read.path("items").get(0).path("taxes").get(0).path("rate").decimalValue()).isEqualByComparingTo("10");
        assertThat(read.path("discount").path("type").asString()).isEqualTo("fixed");
        assertThat(read.path("discount").path("value").decimalValue()).isEqualByComparingTo("30");
        assertThat(read.path("tipsConfiguration").path("tipsPercentage").get(1).asString()).isEqualTo("10");
        assertThat(read.path("tipsConfiguration").path("tipsEnabled").asBoolean()).isTrue();
        assertThat(read.path("lateFeesConfiguration").path("frequency").path("interval").asString()).isEqualTo("day");
        assertThat(read.path("lateFeesConfiguration").path("maxLateFees").path("value").decimalValue())
                .isEqualByComparingTo("50");
        assertThat(read.path("paymentMethods").path("stripe").path("enableBankDebitOnly").asBoolean()).isFalse();
        assertThat(read.path("attachments").get(0).asString()).isEqualTo("https://example.com/terms.pdf");
        assertThat(read.path("miscellaneousCharges").path("paidCharges").get(0).path("amount").decimalValue())
                .isEqualByComparingTo("3");
        assertThat(read.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void updateReplacesTheInvoicePartsAndKeepsTheRest() {
        Tenant tenant = newTenant();
        String id = created(tenant, TemplateBodies.create(tenant)).path("_id").asString();
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("altId", tenant.locationId());
        update.put("altType", "location");
        update.put("name", "Quarterly retainer");
        update.put("businessDetails", Map.of("name", "Acme Plumbing"));
        update.put("currency", "USD");
        update.put("items", List.of(InvoiceBodies.item("Retainer", 1500, 1)));
        ApiResponse answer = api(tenant).put("/invoices/template/" + id, update);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        // 1500 − 30 (the stored discount) + 3 (the stored charge)
        assertThat(answer.json().path("total").decimalValue()).isEqualByComparingTo("1473");
        assertThat(answer.json().path("name").asString()).isEqualTo("Quarterly retainer");
        assertThat(answer.json().path("title").asString()).isEqualTo("RETAINER");
        assertThat(answer.json().path("lateFeesConfiguration").path("value").decimalValue()).isEqualByComparingTo("10");

        update.put("discount", Map.of("type", "fixed", "value", 2000));
        ApiResponse tooMuch = api(tenant).put("/invoices/template/" + id, update);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().path("message").toString()).contains("discount.value must not be greater than the amount");
    }

    @Test
    void patchesLateFeesAndPaymentMethods() {
        Tenant tenant = newTenant();
        String id = created(tenant, TemplateBodies.create(tenant)).path("_id").asString();
        ApiResponse lateFees = api(tenant).patch("/invoices/template/" + id + "/late-fees-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location",
                "lateFeesConfiguration", TemplateBodies.lateFees(2.5, "percentage", 1, "month", 0, null)));
        assertThat(lateFees.status()).as(lateFees.toString()).isEqualTo(200);
        assertThat(lateFees.json().path("lateFeesConfiguration").path("type").asString()).isEqualTo("percentage");
        assertThat(lateFees.json().path("lateFeesConfiguration").has("maxLateFees")).isFalse();

        ApiResponse methods = api(tenant).patch("/invoices/template/" + id + "/payment-methods-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location",
                "paymentMethods", Map.of("stripe", Map.of("enableBankDebitOnly", true))));
        assertThat(methods.status()).as(methods.toString()).isEqualTo(200);
        JsonNode read = api(tenant).get("/invoices/template/" + id + q(tenant)).json();
        assertThat(read.path("paymentMethods").path("stripe").path("enableBankDebitOnly").asBoolean()).isTrue();
        assertThat(read.path("lateFeesConfiguration").path("frequency").path("interval").asString()).isEqualTo("month");

        ApiResponse bad = api(tenant).patch("/invoices/template/" + id + "/late-fees-configuration", Map.of(
                "altId", tenant.locationId(), "altType", "location",
                "lateFeesConfiguration", Map.of("enable", true, "value", 150, "type", "percentage",
                        "frequency", Map.of("intervalCount", 1.5, "interval", "fortnight"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("message").toString()).contains(
                "lateFeesConfiguration.frequency.interval must be one of the following values",
                "lateFeesConfiguration.value must not be greater than 100",
                "lateFeesConfiguration.frequency.intervalCount must be an integer number");
    }

    @Test
    void listsPagesSearchesAndFiltersByCreationDate() {
        Tenant tenant = newTenant();
        for (String name : List.of("Alpha retainer", "Beta project", "Gamma retainer")) {
            Map<String, Object> body = TemplateBodies.create(tenant);
            body.put("name", name);
            created(tenant, body);
        }
        ApiClient api = api(tenant);
        JsonNode all = api.get("/invoices/template" + q(tenant) + "&limit=2&offset=0").json();
        assertThat(all.path("totalCount").asInt()).isEqualTo(3);
        assertThat(all.path("data")).hasSize(2);
        assertThat(all.path("data").get(0).path("name").asString()).isEqualTo("Gamma retainer");
        JsonNode second = api.get("/invoices/template" + q(tenant) + "&limit=2&offset=2").json();
        assertThat(second.path("data")).hasSize(1);
        JsonNode search = api.get("/invoices/template" + q(tenant) + "&limit=10&offset=0&search=ALPHA").json();
        assertThat(search.path("totalCount").asInt()).isEqualTo(1);
        assertThat(search.path("data").get(0).path("name").asString()).isEqualTo("Alpha retainer");
        JsonNode past = api.get("/invoices/template" + q(tenant) + "&limit=10&offset=0&startAt=2001-01-01&endAt=2001-12-31")
                .json();
        assertThat(past.path("totalCount").asInt()).isZero();
        ApiResponse bad = api.get("/invoices/template" + q(tenant) + "&limit=1000&offset=-1&paymentMode=x&startAt=2001-13-01");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("message").toString()).contains("limit must not be greater than 100",
                "offset must be a number string", "paymentMode must be one of the following values");
    }

    @Test
    void deleteAnswersSuccessAndThenTheTemplateIsGone() {
        Tenant tenant = newTenant();
        String id = created(tenant, TemplateBodies.create(tenant)).path("_id").asString();
        ApiResponse deleted = api(tenant).delete("/invoices/template/" + id + q(tenant));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        ApiResponse again = api(tenant).extension().get("/invoices/template/" + id + q(tenant));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("message").asString()).isEqualTo("Template not found");
    }

    @Test
    void anotherLocationsTemplateIsForbiddenOrNotFound() {
        Tenant owner = newTenant();
        Tenant other = newTenant();
        String id = created(owner, TemplateBodies.create(owner)).path("_id").asString();
        ApiResponse theirAlt = api(other).get("/invoices/template/" + id + q(owner));
        assertThat(theirAlt.status()).isEqualTo(403);
        ApiResponse ourAlt = api(other).extension().get("/invoices/template/" + id + q(other));
        assertThat(ourAlt.status()).isEqualTo(404);
        ApiResponse delete = api(other).extension().delete("/invoices/template/" + id + q(other));
        assertThat(delete.status()).isEqualTo(404);
        assertThat(api(owner).get("/invoices/template/" + id + q(owner)).status()).isEqualTo(200);
    }

    @Test
    void theTemplateScopesAreRequired() {
        Tenant invoicesOnly = newTenant(List.of(Scopes.INVOICES_READONLY, Scopes.INVOICES_WRITE));
        ApiResponse create = api(invoicesOnly).post("/invoices/template", TemplateBodies.create(invoicesOnly));
        assertThat(create.status()).isEqualTo(401);
        assertThat(create.json().path("message").asString()).isEqualTo("The token is not authorized for this scope.");
        Tenant readOnly = newTenant(List.of("invoices/template.readonly"));
        assertThat(api(readOnly).get("/invoices/template" + q(readOnly) + "&limit=10&offset=0").status()).isEqualTo(200);
        assertThat(api(readOnly).post("/invoices/template", TemplateBodies.create(readOnly)).status()).isEqualTo(401);
    }

    @Test
    void invalidBodiesNameEveryViolatedConstraint() {
        Tenant tenant = newTenant();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("altId", tenant.locationId(), "altType", "company",
                "currency", "XYZ", "items", List.of(Map.of("name", "x", "currency", "USD", "amount", -1, "qty", 1)),
                "foo", 1));
        ApiResponse answer = api(tenant).post("/invoices/template", body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("message").toString()).contains("property foo should not exist",
                "altType must be one of the following values: location", "name should not be empty",
                "businessDetails should not be empty");

        // a fixed discount beside a tax that is not a tax yet: every fault named, not a server error
        Map<String, Object> broken = TemplateBodies.create(tenant);
        Map<String, Object> item = InvoiceBodies.item("Retainer", 500, 2);
        item.put("taxes", List.of(Map.of()));
        broken.put("items", List.of(item));
        ApiResponse named = api(tenant).post("/invoices/template", broken);
        assertThat(named.status()).as(named.toString()).isEqualTo(422);
        assertThat(named.json().path("message").toString()).contains("items.0.taxes.0.rate should not be empty");
    }

    @Test
    void anInvoiceFromATemplateTakesItsPartsAndTheBodyOverridesThem() {
        Tenant tenant = newTenant();
        String templateId = created(tenant, TemplateBodies.create(tenant)).path("_id").asString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("templateId", templateId);
        body.put("contactDetails", InvoiceBodies.contact());
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", "2026-02-10");
        body.put("sentTo", Map.of("email", List.of("alex@example.com")));
        body.put("liveMode", false);
        body.put("title", "INVOICE");
        ApiResponse answer = api(tenant).post("/invoices/", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode invoice = api(tenant).get("/invoices/" + answer.json().path("_id").asString() + q(tenant)).json();
        assertThat(invoice.path("name").asString()).isEqualTo("Monthly retainer");
        assertThat(invoice.path("title").asString()).isEqualTo("INVOICE");
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("1150.22");
        assertThat(invoice.path("invoiceItems")).hasSize(2);
        assertThat(invoice.path("termsNotes").asString()).isEqualTo("<p>Net 30</p>");
        assertThat(invoice.path("invoiceNumberPrefix").asString()).isEqualTo("RET-");
        assertThat(invoice.path("businessDetails").path("name").asString()).isEqualTo("Acme Plumbing");
        assertThat(invoice.path("discount").path("value").decimalValue()).isEqualByComparingTo("30");
        assertThat(invoice.path("lateFeesConfiguration").path("maxLateFees").path("value").decimalValue())
                .isEqualByComparingTo("50");
        assertThat(invoice.path("tipsConfiguration").path("tipsEnabled").asBoolean()).isTrue();
        assertThat(invoice.path("paymentMethods").path("stripe").has("enableBankDebitOnly")).isTrue();

        body.put("items", List.of(InvoiceBodies.item("Only this", 10, 1)));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        ApiResponse overridden = api(tenant).post("/invoices/", body);
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);
        assertThat(overridden.json().path("invoiceItems")).hasSize(1);
        assertThat(overridden.json().path("total").decimalValue()).isEqualByComparingTo("13");

        Tenant other = newTenant();
        body.put("altId", other.locationId());
        ApiResponse foreign = api(other).post("/invoices/", body);
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().path("message").toString()).contains("templateId must name a template of this location");
    }
}
