package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.ScheduleBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * remit's schedule events (an extension): each change of a schedule fires one webhook, in the form of
 * the invoice events: the schedule as GET /invoices/schedule/{scheduleId} answers it, plus
 * {@code type}, {@code locationId}, {@code timestamp} and {@code webhookId}; every one signed.
 */
class ScheduleEventWebhooksTest extends WebhookTestBase {

    private static final List<String> SCHEDULE_EVENTS = List.of("InvoiceScheduleCreate", "InvoiceScheduleUpdate",
            "InvoiceScheduleActive", "InvoiceScheduleCancel", "InvoiceScheduleComplete", "InvoiceScheduleDelete");

    private JsonNode get(Tenant tenant, String scheduleId) {
        ApiResponse answer = api(tenant).get("/invoices/schedule/" + scheduleId + InvoiceBodies.q(tenant));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static void ok(ApiResponse answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    @Test
    void creatingUpdatingSchedulingCancellingAndDeletingEachFireOneWebhookWithTheScheduleAsGetAnswers() {
        Tenant tenant = newTenant();
        Receiver receiver = new Receiver().answering(200);
        String subscriptionId = subscribe(tenant, receiver, SCHEDULE_EVENTS, false).path("id").asString();
        Receiver invoicesOnly = new Receiver().answering(200);
        subscribe(tenant, invoicesOnly);
        List<JsonNode> expected = new ArrayList<>();

        ApiResponse created = api(tenant).post("/invoices/schedule", ScheduleBodies.create(tenant));
        ok(created);
        String id = created.json().path("_id").asString();
        expected.add(get(tenant, id));
        ok(api(tenant).put("/invoices/schedule/" + id,
                ScheduleBodies.create(tenant, ScheduleBodies.monthly("2031-04-01", 10))));
        expected.add(get(tenant, id));
        ok(api(tenant).post("/invoices/schedule/" + id + "/schedule", ScheduleBodies.schedule(tenant, false)));
        expected.add(get(tenant, id));
        ok(api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant)));
        expected.add(get(tenant, id));
        // cancelling again changes nothing: no webhook
        ok(api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant)));
        // a deleted schedule's webhook carries it as GET answered right before
        expected.add(get(tenant, id));
        ok(api(tenant).delete("/invoices/schedule/" + id + InvoiceBodies.q(tenant)));
        // a refused change fires nothing
        assertThat(api(tenant).post("/invoices/schedule/" + id + "/cancel", InvoiceBodies.alt(tenant)).status())
                .isEqualTo(404);

        await(() -> assertThat(receiver.count()).isEqualTo(5));
        List<Receiver.Received> all = receiver.received(baseUrl());
        assertThat(all).extracting(r -> r.json().path("type").asString()).as("in order per schedule").containsExactly(
                "InvoiceScheduleCreate", "InvoiceScheduleUpdate", "InvoiceScheduleActive", "InvoiceScheduleCancel",
                "InvoiceScheduleDelete");
        assertThat(expected).extracting(s -> s.path("status").asString())
                .containsExactly("draft", "draft", "active", "cancelled", "cancelled");
        for (int i = 0; i < all.size(); i++) {
            JsonNode body = all.get(i).json();
            JsonNode schedule = expected.get(i);
            String type = body.path("type").asString();
            assertThat(body.path("locationId").asString()).isEqualTo(tenant.locationId());
            assertThat(body.path("webhookId").asString()).isNotBlank();
            assertThat(instant(body.path("timestamp"))).isNotNull();
            assertThat(body.path("liveMode").asBoolean()).as("a test schedule's events go out, marked liveMode false").isFalse();
            assertThat(body.size()).as(type + ": the schedule and the four webhook fields").isEqualTo(schedule.size() + 4);
            for (Map.Entry<String, JsonNode> field : schedule.properties()) {
                assertThat(body.path(field.getKey())).as(type + " " + field.getKey()).isEqualTo(field.getValue());
            }
        }
        assertThat(all.stream().map(r -> r.json().path("webhookId").asString()).distinct()).hasSize(5);
        assertThat(stored(tenant, subscriptionId)).extracting(WebhookDelivery::invoiceId).containsOnly(id);
        assertThat(log(tenant, subscriptionId)).hasSize(5).allSatisfy(line ->
                assertThat(line.path("status").asString()).isEqualTo("delivered"));
        assertThat(invoicesOnly.count()).as("a subscription to HighLevel's invoice events gets no schedule event").isZero();
    }

    @Test
    void theOccurrenceJobThatGeneratesTheLastInvoiceFiresInvoiceScheduleComplete() {
        Tenant tenant = newTenant();
        Receiver receiver = new Receiver().answering(200);
        subscribe(tenant, receiver, SCHEDULE_EVENTS, false);
        java.time.LocalDate start = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(2);
        Map<String, Object> rrule = ScheduleBodies.monthly(start.toString(), start.getDayOfMonth());
        rrule.put("count", 1);
        ApiResponse created = api(tenant).post("/invoices/schedule", ScheduleBodies.create(tenant, rrule));
        ok(created);
        String id = created.json().path("_id").asString();
        ok(api(tenant).post("/invoices/schedule/" + id + "/schedule", ScheduleBodies.schedule(tenant, false)));
        await(() -> assertThat(receiver.count()).isEqualTo(2));

        clock.set(start.plusDays(1).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
        await(() -> assertThat(receiver.count()).isEqualTo(3));
        JsonNode schedule = get(tenant, id);
        assertThat(schedule.path("status").asString()).isEqualTo("completed");
        List<Receiver.Received> all = receiver.received(baseUrl());
        assertThat(all).extracting(r -> r.json().path("type").asString())
                .containsExactly("InvoiceScheduleCreate", "InvoiceScheduleActive", "InvoiceScheduleComplete");
        JsonNode completed = all.get(2).json();
        assertThat(completed.path("invoices").size()).as("with the invoice it generated").isEqualTo(1);
        for (Map.Entry<String, JsonNode> field : schedule.properties()) {
            assertThat(completed.path(field.getKey())).as("InvoiceScheduleComplete " + field.getKey())
                    .isEqualTo(field.getValue());
        }
    }
}
