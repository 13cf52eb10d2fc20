package dev.remit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.RemitServerTest;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Scopes;
import tools.jackson.databind.JsonNode;

/** The nine schedule operations through the API, every answer validated against HighLevel's spec. */
@RemitServerTest
class ScheduleApiTest extends ApiTestBase {

    static String q(Tenant t) {
        return InvoiceBodies.q(t);
    }

    private String created(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/schedule", ScheduleBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private List<String> jobs(String scheduleId) {
        return jdbc.sql("select task_instance from scheduled_tasks where task_name = ? and task_instance like ?")
                .params(OccurrenceJob.NAME, scheduleId + "@%").query(String.class).list();
    }

    @Test
    void createReadListUpdateAndDeleteADraft() {
        Tenant tenant = newTenant();
        ApiResponse created = api(tenant).post("/invoices/schedule", ScheduleBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode s = created.json();
        String id = s.path("_id").asString();
        assertThat(s.path("status").asString()).isEqualTo("draft");
        assertThat(s.path("invoices").size()).isZero();
        assertThat(s.path("total").decimalValue()).isEqualByComparingTo("500");
        assertThat(s.path("schedule").path("rrule").path("dayOfMonth").asInt()).isEqualTo(1);
        assertThat(s.path("items").path(0).path("name").asString()).isEqualTo("Retainer");
        assertThat(s.path("compiledTermsNotes").asString()).isEqualTo("Due on receipt");
        assertThat(s.has("nextInvoiceAt")).isFalse();

        ApiResponse read = api(tenant).get("/invoices/schedule/" + id + q(tenant));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asString()).isEqualTo("Monthly retainer");

        String list = "/invoices/schedule?altId=" + tenant.locationId() + "&altType=location&limit=10&offset=0";
        assertThat(api(tenant).get(list).json().path("total").asInt()).isEqualTo(1);
        assertThat(api(tenant).get(list + "&search=retainer").json().path("schedules").path(0).path("_id").asString())
                .isEqualTo(id);
        assertThat(api(tenant).get(list + "&search=alex@example.com").json().path("total").asInt()).isEqualTo(1);
        assertThat(api(tenant).get(list + "&search=" + id).json().path("total").asInt()).isEqualTo(1);
        assertThat(api(tenant).get(list + "&search=nobody").json().path("total").asInt()).isZero();
        assertThat(api(tenant).get(list + "&status=active").json().path("total").asInt()).isZero();
        assertThat(api(tenant).get(list + "&status=draft&paymentMode=test").json().path("total").asInt()).isEqualTo(1);
        assertThat(api(tenant).get(list + "&paymentMode=live").json().path("total").asInt()).isZero();

        Map<String, Object> update = ScheduleBodies.create(tenant, ScheduleBodies.monthly("2031-05-01", 15));
        update.put("name", "Quarterly retainer");
        update.put("items", List.of(InvoiceBodies.item("Retainer", 100, 3)));
        ApiResponse updated = api(tenant).put("/invoices/schedule/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Quarterly retainer");
        assertThat(updated.json().path("total").decimalValue()).isEqualByComparingTo("300");
        assertThat(updated.json().path("schedule").path("rrule").path("dayOfMonth").asInt()).isEqualTo(15);

        ApiResponse deleted = api(tenant).delete("/invoices/schedule/" + id + q(tenant));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(api(tenant).get("/invoices/schedule/" + id + q(tenant)).status()).isEqualTo(404);
    }

    @Test
    void scheduleStartsItAndPlansTheFirstOccurrenceAtNineLocal() {
        Tenant tenant = newTenant();
        String id = created(tenant);
        ApiResponse scheduled = api(tenant).post("/invoices/schedule/" + id + "/schedule", ScheduleBodies.schedule(tenant, false));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().path("status").asString()).isEqualTo("active");
        // 2031-04-01 09:00 in America/Chicago (CDT, UTC-5)
        assertThat(scheduled.json().path("nextInvoiceAt").asString()).isEqualTo("2031-04-01T14:00:00.000Z");
        assertThat(jobs(id)).containsExactly(id + "@2031-04-01T09:00");

        Map<String, Object> update = ScheduleBodies.create(tenant, ScheduleBodies.monthly("2031-04-01", 10));
        ApiResponse updated = api(tenant).put("/invoices/schedule/" + id, update);
        assertThat(updated.json().path("status").asString()).isEqualTo("active");
        assertThat(jobs(id)).containsExactly(id + "@2031-04-10T09:00");

        ApiResponse cancelled = api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        assertThat(jobs(id)).isEmpty();
        assertThat(api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant)).status()).isEqualTo(200);

        ApiResponse again = api(tenant).post("/invoices/schedule/" + id + "/schedule", ScheduleBodies.schedule(tenant, false));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("message").asString()).isEqualTo("A cancelled schedule cannot be scheduled");
        assertThat(api(tenant).put("/invoices/schedule/" + id, update).status()).isEqualTo(400);
    }

    @Test
    void updateAndScheduleWithABodyAndWithout() {
        Tenant tenant = newTenant();
        String id = created(tenant);
        Map<String, Object> update = ScheduleBodies.create(tenant, ScheduleBodies.monthly("2031-06-01", 5));
        ApiResponse both = api(tenant).post("/invoices/schedule/" + id + "/updateAndSchedule", update);
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(both.json().path("status").asString()).isEqualTo("active");
        assertThat(jobs(id)).containsExactly(id + "@2031-06-05T09:00");

        String other = created(tenant);
        ApiResponse bare = api(tenant).post("/invoices/schedule/" + other + "/updateAndSchedule" + q(tenant), null);
        assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
        assertThat(bare.json().path("status").asString()).isEqualTo("active");
    }

    @Test
    void autoPaymentIsSetAndCleared() {
        Tenant tenant = newTenant();
        String id = created(tenant);
        ApiResponse set = api(tenant).post("/invoices/schedule/" + id + "/auto-payment",
                ScheduleBodies.autoPayment(tenant, id, true));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("autoPayment").path("paymentMethodId").asString()).isEqualTo("pm_1");
        ApiResponse cleared = api(tenant).post("/invoices/schedule/" + id + "/auto-payment",
                ScheduleBodies.autoPayment(tenant, id, false));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("autoPayment")).isFalse();
        ApiResponse wrongId = api(tenant).post("/invoices/schedule/" + id + "/auto-payment",
                ScheduleBodies.autoPayment(tenant, "6578278e879ad2646715ba9c", true));
        assertThat(wrongId.status()).isEqualTo(422);
        assertThat(wrongId.messages()).contains("id must be the id of the schedule in the path");
    }

    @Test
    void everyViolatedConstraintIsNamed() {
        Tenant tenant = newTenant();
        Map<String, Object> rrule = new LinkedHashMap<>();
        rrule.put("intervalType", "fortnightly");
        rrule.put("interval", 0);
        rrule.put("startDate", "2031-02-30");
        rrule.put("dayOfMonth", 32);
        Map<String, Object> body = ScheduleBodies.create(tenant, rrule);
        body.put("foo", 1);
        body.remove("currency");
        ApiResponse answer = api(tenant).post("/invoices/schedule", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.messages()).contains("property foo should not exist", "currency should not be empty",
                "schedule.rrule.intervalType must be one of the following values: yearly, monthly, weekly, daily, hourly, minutely, secondly");
        assertThat(String.join("\n", answer.messages())).contains("schedule.rrule.startDate");

        Map<String, Object> both = ScheduleBodies.create(tenant);
        ((Map<String, Object>) both.get("schedule")).put("executeAt", "2031-04-01T09:00:00Z");
        ApiResponse twice = api(tenant).post("/invoices/schedule", both);
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.messages()).contains("schedule must have exactly one of executeAt and rrule");

        Map<String, Object> numbers = ScheduleBodies.create(tenant, ScheduleBodies.monthly("2031-04-01", 32));
        ((Map<String, Object>) numbers.get("schedule")).put("rrule", new LinkedHashMap<>(Map.of("intervalType", "monthly",
                "interval", 1.5, "startDate", "2031-04-01", "dayOfMonth", 32, "numOfWeek", 2, "count", 0)));
        ApiResponse bad = api(tenant).post("/invoices/schedule", numbers);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.messages()).contains("schedule.rrule.interval must be a whole number from 1 to 1000",
                "schedule.rrule.dayOfMonth must be a whole number from -1 to 31", "schedule.rrule.numOfWeek needs dayOfWeek",
                "schedule.rrule.count must be a whole number from 1 to 10000");
    }

    @Test
    void anotherLocationsScheduleIsForbiddenByAltIdAndNotFoundByIdAndScopesAreTheSpecs() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String theirs = created(b);
        assertThat(api(a).get("/invoices/schedule/" + theirs + q(b)).status()).isEqualTo(403);
        assertThat(api(a).get("/invoices/schedule/" + theirs + q(a)).status()).isEqualTo(404);
        assertThat(api(a).post("/invoices/schedule/" + theirs + "/cancel", InvoiceBodies.alt(a)).status()).isEqualTo(404);
        assertThat(api(a).post("/invoices/schedule/" + theirs + "/cancel", InvoiceBodies.alt(b)).status()).isEqualTo(403);
        assertThat(api(a).post("/invoices/schedule", ScheduleBodies.create(b)).status()).isEqualTo(403);
        assertThat(api(a).get("/invoices/schedule/nope" + q(a)).status()).isEqualTo(404);
        assertThat(api(b).get("/invoices/schedule/" + theirs + q(b)).json().path("status").asString()).isEqualTo("draft");

        Tenant readonly = newTenant(List.of(Scopes.INVOICES_READONLY, "invoices/schedule.readonly"));
        assertThat(api(readonly).get("/invoices/schedule?altId=" + readonly.locationId()
                + "&altType=location&limit=10&offset=0").status()).isEqualTo(200);
        ApiResponse refused = api(readonly).post("/invoices/schedule", ScheduleBodies.create(readonly));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("message").asString()).isEqualTo("The token is not authorized for this scope.");
    }
}
