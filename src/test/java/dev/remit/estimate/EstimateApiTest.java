package dev.remit.estimate;

import static dev.remit.support.InvoiceBodies.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.EstimateBodies;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Scopes;
import tools.jackson.databind.JsonNode;

/** The estimate operations over HTTP, every answer checked against HighLevel's contract (docs/estimates.md). */
class EstimateApiTest extends ApiTestBase {

    @Autowired
    EstimateService estimates;

    private JsonNode created(Tenant tenant, Map<String, Object> body) {
        ApiResponse response = api(tenant).post("/invoices/estimate", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private JsonNode listed(Tenant tenant, String query) {
        ApiResponse response = api(tenant).get("/invoices/estimate/list" + q(tenant) + "&limit=10&offset=0" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Object> body(Tenant tenant, String issue, String expiry) {
        Map<String, Object> body = EstimateBodies.create(tenant);
        body.put("issueDate", issue);
        body.put("expiryDate", expiry);
        return body;
    }

    @Test
    void createNumbersFiguresAndRecordsWhoCreatedIt() {
        Tenant tenant = newTenant();
        assertThat(api(tenant).get("/invoices/estimate/number/generate" + q(tenant)).json().path("estimateNumber")
                .asLong()).isEqualTo(1);
        JsonNode estimate = created(tenant, EstimateBodies.create(tenant));
        assertThat(estimate.path("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(estimate.path("estimateNumber").asLong()).isEqualTo(1);
        assertThat(estimate.path("estimateNumberPrefix").asString()).isEqualTo("EST-");
        assertThat(estimate.path("estimateStatus").asString()).isEqualTo("draft");
        // 3 × 120.50 = 361.50, 8.25 % tax 29.82, + 80 → 471.32 (docs/money.md)
        assertThat(estimate.path("total").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(estimate.path("totalSummary").path("tax").decimalValue()).isEqualByComparingTo("29.82");
        assertThat(estimate.path("items").get(0).path("attachments").get(0).asString())
                .isEqualTo("https://example.com/plan.pdf");
        assertThat(estimate.path("issueDate").asString()).isEqualTo("2031-03-01T00:00:00.000Z");
        assertThat(estimate.path("expiryDate").asString()).isEqualTo("2031-03-31T00:00:00.000Z");
        assertThat(estimate.path("expired").asBoolean()).isFalse();
        assertThat(estimate.path("companyId").asString()).isEqualTo(tenant.companyId());
        assertThat(estimate.path("estimateActionHistory").get(0).path("action").asString()).isEqualTo("created");
        assertThat(estimate.path("estimateActionHistory").get(0).path("actorId").asString()).isEqualTo(tenant.userId());
        assertThat(estimate.has("lastVisitedAt")).isFalse();

        Map<String, Object> seventh = EstimateBodies.create(tenant);
        seventh.put("estimateNumber", 7);
        assertThat(created(tenant, seventh).path("estimateNumber").asLong()).isEqualTo(7);
        assertThat(api(tenant).get("/invoices/estimate/number/generate" + q(tenant)).json().path("estimateNumber")
                .asLong()).isEqualTo(8);
        ApiResponse taken = api(tenant).post("/invoices/estimate", seventh);
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.messages()).containsExactly("estimateNumber 7 is already used by another estimate");
        // invoices keep their own sequence
        assertThat(api(tenant).get("/invoices/generate-invoice-number" + q(tenant)).json().path("invoiceNumber")
                .asLong()).isEqualTo(1);
    }

    @Test
    void defaultsAreTodayInTheLocationsZoneAndThirtyDaysToExpire() {
        Tenant tenant = newTenant();
        Map<String, Object> body = EstimateBodies.create(tenant);
        body.remove("issueDate");
        body.remove("expiryDate");
        body.remove("title");
        body.remove("estimateNumberPrefix");
        JsonNode estimate = created(tenant, body);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of(tenancy.findLocation(
                tenant.locationId()).orElseThrow().timeZone()));
        assertThat(estimate.path("issueDate").asString()).startsWith(today.toString());
        assertThat(estimate.path("expiryDate").asString()).startsWith(today.plusDays(30).toString());
        assertThat(estimate.path("title").asString()).isEqualTo("ESTIMATE");
        assertThat(estimate.path("estimateNumberPrefix").asString()).isEqualTo("EST-");
    }

    @Test
    void invalidBodiesNameEveryProblem() {
        Tenant tenant = newTenant();
        Map<String, Object> body = body(tenant, "2031-03-10", "2031-03-01");
        body.remove("frequencySettings");
        body.put("autoInvoice", Map.of("directPayments", true));
        ApiResponse refused = api(tenant).post("/invoices/estimate", body);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.messages()).contains("frequencySettings should not be empty",
                "autoInvoice.enabled should not be empty", "expiryDate must not be before issueDate");

        ApiResponse noScope = api(newTenant(List.of(Scopes.INVOICES_READONLY, Scopes.INVOICES_WRITE)))
                .post("/invoices/estimate", EstimateBodies.create(tenant));
        assertThat(noScope.status()).isEqualTo(401);
    }

    @Test
    void listFiltersPagesAndSearches() {
        Tenant tenant = newTenant();
        String first = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        Map<String, Object> other = body(tenant, "2031-05-01", "2031-05-31");
        other.put("name", "Bathroom tiles");
        other.put("contactDetails", Map.of("id", "otherContact01", "name", "Sam Other", "phoneNo", "+12145550100",
                "email", "sam@example.com"));
        String second = created(tenant, other).path("_id").asString();
        estimates.markSent(tenant.locationId(), second, null, null);

        assertThat(listed(tenant, "").path("total").asLong()).isEqualTo(2);
        assertThat(listed(tenant, "&status=all").path("total").asLong()).isEqualTo(2);
        assertThat(listed(tenant, "&status=sent").path("estimates").get(0).path("_id").asString()).isEqualTo(second);
        assertThat(listed(tenant, "&status=draft").path("estimates").get(0).path("_id").asString()).isEqualTo(first);
        assertThat(listed(tenant, "&search=bathroom").path("total").asLong()).isEqualTo(1);
        assertThat(listed(tenant, "&search=" + first).path("estimates").get(0).path("_id").asString()).isEqualTo(first);
        assertThat(listed(tenant, "&contactId=otherContact01").path("total").asLong()).isEqualTo(1);
        assertThat(listed(tenant, "&startAt=2031-04-01&endAt=2031-12-31").path("estimates").get(0).path("_id")
                .asString()).isEqualTo(second);
        JsonNode page = api(tenant).get("/invoices/estimate/list" + q(tenant) + "&limit=1&offset=1").json();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("estimates")).hasSize(1);
        assertThat(page.path("estimates").get(0).path("_id").asString()).as("newest issue date first").isEqualTo(first);
        ApiResponse bad = api(tenant).get("/invoices/estimate/list" + q(tenant) + "&limit=0&offset=0&status=expired");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.messages()).hasSize(2);
    }

    @Test
    void updateReplacesTheContentAndRefusesWhatTheEstimateForbids() {
        Tenant tenant = newTenant();
        String id = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        Map<String, Object> update = EstimateBodies.update(tenant);
        update.put("estimateNumber", 1);
        ApiResponse updated = api(tenant).put("/invoices/estimate/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Kitchen remodel, revised");
        assertThat(updated.json().path("estimateActionHistory")).hasSize(2);

        update.put("estimateNumber", 9);
        ApiResponse renumbered = api(tenant).put("/invoices/estimate/" + id, update);
        assertThat(renumbered.status()).isEqualTo(422);
        assertThat(renumbered.messages()).containsExactly("estimateNumber cannot be changed once the estimate exists");
        update.remove("estimateNumber");

        update.put("estimateStatus", "invoiced");
        ApiResponse status = api(tenant).put("/invoices/estimate/" + id, update);
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.messages().get(0)).contains("estimateStatus cannot be changed from draft to invoiced");

        // the business records the customer's answer for them
        estimates.markSent(tenant.locationId(), id, null, null);
        update.put("estimateStatus", "accepted");
        ApiResponse accepted = api(tenant).put("/invoices/estimate/" + id, update);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("estimateStatus").asString()).isEqualTo("accepted");
        assertThat(accepted.json().path("acceptedBy").asString()).isEqualTo("Alex Customer");
        ApiResponse again = api(tenant).put("/invoices/estimate/" + id, update);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.messages()).containsExactly("An accepted estimate cannot be edited");

        assertThat(api(tenant).put("/invoices/estimate/6578278e879ad2646715ba9c", update).status()).isEqualTo(404);
    }

    @Test
    void anExpiredEstimateShowsExpiredAndCannotBeSentOrAccepted() {
        Tenant tenant = newTenant();
        String id = created(tenant, body(tenant, "2026-01-01", "2026-01-31")).path("_id").asString();
        JsonNode listed = listed(tenant, "").path("estimates").get(0);
        assertThat(listed.path("expired").asBoolean()).isTrue();
        assertThat(listed.path("estimateStatus").asString()).isEqualTo("draft");
        assertThatThrownBy(() -> estimates.markSent(tenant.locationId(), id, null, null))
                .isInstanceOf(EstimateRuleException.class).hasMessageContaining("expired");
        assertThat(estimates.expire(tenant.locationId(), id).orElseThrow().expiredAt()).isNotNull();
        assertThat(listed(tenant, "").path("estimates").get(0).path("estimateActionHistory").get(1).path("action")
                .asString()).isEqualTo("expired");
    }

    @Test
    void lastVisitedAtCountsTheVisitAndMakesASentEstimateViewed() {
        Tenant tenant = newTenant();
        String id = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        estimates.markSent(tenant.locationId(), id, tenant.userId(), false);
        ApiResponse visited = api(tenant).patch("/invoices/estimate/stats/last-visited-at", Map.of("estimateId", id));
        assertThat(visited.status()).as(visited.toString()).isEqualTo(200);
        JsonNode estimate = listed(tenant, "").path("estimates").get(0);
        assertThat(estimate.path("estimateStatus").asString()).isEqualTo("viewed");
        assertThat(estimate.path("visitCount").asInt()).isEqualTo(1);
        assertThat(estimate.path("lastVisitedAt").asString()).isNotBlank();
        ApiResponse unknown = api(tenant).patch("/invoices/estimate/stats/last-visited-at",
                Map.of("estimateId", "6578278e879ad2646715ba9c"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asString()).isEqualTo("Estimate not found");
    }

    @Test
    void createInvoiceMakesOneInvoiceLinkedBothWaysAndMarksItInvoicedWhenAsked() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String id = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        estimates.markSent(tenant.locationId(), id, null, null);
        estimates.accept(tenant.locationId(), id, "Alex Customer", null);

        ApiResponse first = api.post("/invoices/estimate/" + id + "/invoice", EstimateBodies.toInvoice(tenant, false));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String invoiceId = first.json().path("invoice").path("_id").asString();
        assertThat(first.json().path("invoice").path("status").asString()).isEqualTo("draft");
        assertThat(first.json().path("invoice").path("total").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(first.json().path("invoice").path("invoiceNumber").asString()).isEqualTo("1");
        assertThat(first.json().path("invoice").path("invoiceItems")).hasSize(2);
        assertThat(first.json().path("estimate").path("invoiceId").asString()).isEqualTo(invoiceId);
        assertThat(first.json().path("estimate").path("estimateStatus").asString()).isEqualTo("accepted");

        ApiResponse second = api.post("/invoices/estimate/" + id + "/invoice", EstimateBodies.toInvoice(tenant, true));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("invoice").path("_id").asString()).as("the same invoice").isEqualTo(invoiceId);
        assertThat(second.json().path("estimate").path("estimateStatus").asString()).isEqualTo("invoiced");
        assertThat(api.get("/invoices/" + q(tenant) + "&limit=10&offset=0").json().path("total").asLong()).isEqualTo(1);
        assertThat(estimates.estimateOfInvoice(tenant.locationId(), invoiceId).orElseThrow().id()).isEqualTo(id);

        ApiResponse edit = api.put("/invoices/estimate/" + id, EstimateBodies.update(tenant));
        assertThat(edit.status()).isEqualTo(422);
        assertThat(edit.messages()).containsExactly("An invoiced estimate cannot be edited");
        ApiResponse delete = api.send("DELETE", "/invoices/estimate/" + id, InvoiceBodies.alt(tenant));
        assertThat(delete.status()).isEqualTo(400);
    }

    @Test
    void aDeclinedEstimateIsNotInvoicedAndADeletedOneIsGone() {
        Tenant tenant = newTenant();
        String id = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        estimates.markSent(tenant.locationId(), id, null, null);
        Estimate declined = estimates.decline(tenant.locationId(), id, "Too expensive");
        assertThat(declined.declineReason()).isEqualTo("Too expensive");
        ApiResponse refused = api(tenant).post("/invoices/estimate/" + id + "/invoice",
                EstimateBodies.toInvoice(tenant, true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.messages()).containsExactly("A declined estimate cannot be turned into an invoice");
        assertThatThrownBy(() -> estimates.accept(tenant.locationId(), id, "Alex", null))
                .hasMessage("A declined estimate cannot be accepted");

        ApiResponse deleted = api(tenant).send("DELETE", "/invoices/estimate/" + id, InvoiceBodies.alt(tenant));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("_id").asString()).isEqualTo(id);
        assertThat(api(tenant).send("DELETE", "/invoices/estimate/" + id, InvoiceBodies.alt(tenant)).status())
                .isEqualTo(404);
        assertThat(listed(tenant, "").path("total").asLong()).isZero();
    }

    @Test
    void createInvoiceIsMadeOnceWhenEightRequestsArriveTogether() throws Exception {
        Tenant tenant = newTenant();
        String id = created(tenant, EstimateBodies.create(tenant)).path("_id").asString();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean mark = i % 2 == 0;
                Callable<ApiResponse> call = () -> {
                    start.await();
                    return api(tenant).post("/invoices/estimate/" + id + "/invoice", EstimateBodies.toInvoice(tenant, mark));
                };
                answers.add(pool.submit(call));
            }
            Set<String> invoiceIds = new HashSet<>();
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                invoiceIds.add(response.json().path("invoice").path("_id").asString());
            }
            assertThat(invoiceIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api(tenant).get("/invoices/" + q(tenant) + "&limit=10&offset=0").json().path("total").asLong())
                .isEqualTo(1);
        assertThat(estimates.get(tenant.locationId(), id).status()).isEqualTo(EstimateStatus.INVOICED);
        assertThat(jdbc.sql("select count(*) from estimate_invoice where location_id = ?").param(tenant.locationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void templatesStartEstimatesAndPreviewAnswersTheTemplate() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        ApiResponse made = api.post("/invoices/estimate/template", EstimateBodies.template(tenant));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String templateId = made.json().path("_id").asString();
        // 2 × 100 − 20 = 180, + 10 % tax → 198
        assertThat(made.json().path("total").decimalValue()).isEqualByComparingTo("198");

        JsonNode list = api.get("/invoices/estimate/template" + q(tenant) + "&limit=10&offset=0&search=remodel").json();
        assertThat(list.path("totalCount").asLong()).isEqualTo(1);
        assertThat(list.path("data").get(0).path("_id").asString()).isEqualTo(templateId);
        JsonNode preview = api.get("/invoices/estimate/template/preview" + q(tenant) + "&templateId=" + templateId).json();
        assertThat(preview.path("name").asString()).isEqualTo("Remodel template");
        assertThat(preview.path("estimateNumberPrefix").asString()).isEqualTo("Q-");

        Map<String, Object> fromTemplate = new java.util.LinkedHashMap<>(InvoiceBodies.alt(tenant));
        fromTemplate.put("templateId", templateId);
        fromTemplate.put("contactDetails", InvoiceBodies.contact());
        fromTemplate.put("frequencySettings", Map.of("enabled", false, "schedule", Map.of()));
        JsonNode estimate = created(tenant, fromTemplate);
        assertThat(estimate.path("name").asString()).isEqualTo("Remodel template");
        assertThat(estimate.path("title").asString()).isEqualTo("QUOTE");
        assertThat(estimate.path("estimateNumberPrefix").asString()).isEqualTo("Q-");
        assertThat(estimate.path("total").decimalValue()).isEqualByComparingTo("198");
        assertThat(estimate.path("items").get(0).path("_id").asString()).isNotEqualTo(
                preview.path("items").get(0).path("_id").asString());
        fromTemplate.put("templateId", "6578278e879ad2646715ba9c");
        ApiResponse unknown = api.post("/invoices/estimate", fromTemplate);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.messages()).contains("templateId must name an estimate template of this location");

        Map<String, Object> change = EstimateBodies.template(tenant);
        change.put("name", "Remodel template v2");
        ApiResponse updated = api.put("/invoices/estimate/template/" + templateId, change);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Remodel template v2");
        ApiResponse deleted = api.send("DELETE", "/invoices/estimate/template/" + templateId, InvoiceBodies.alt(tenant));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        ApiResponse gone = api.get("/invoices/estimate/template/preview" + q(tenant) + "&templateId=" + templateId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("message").asString()).isEqualTo("Template not found");
    }
}
