package dev.remit.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.EstimateFlow;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * An estimate expires by itself at the end of its expiry date in the location's time zone
 * (America/Chicago here): a durable job scheduled with the estimate, moved when the expiry date
 * changes, run by moving the test clock. After it, the page refuses Accept.
 */
@ClockServerTest
class EstimateExpiryClockTest extends ApiTestBase {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    MutableClock clock;

    private Optional<Instant> due(Tenant tenant, String estimateId) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = 'estimate-expiry' and task_instance = ?")
                .param(tenant.locationId() + ":" + estimateId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(CHICAGO).toInstant();
    }

    @Test
    void anEstimateExpiresAtTheEndOfItsExpiryDateWhereTheLocationIs() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.now(clock.withZone(CHICAGO));
        Map<String, Object> body = EstimateFlow.body(tenant, "pat@customer.example", "(214) 559-6993",
                today.plusDays(2).toString(), false);
        String estimateId = EstimateFlow.create(api(tenant), body);
        assertThat(due(tenant, estimateId)).as("scheduled with the estimate").contains(endOf(today.plusDays(2)));

        // a later expiry date moves the job
        body.put("expiryDate", today.plusDays(4).toString());
        ApiResponse updated = api(tenant).put("/invoices/estimate/" + estimateId, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        Instant expiresAt = endOf(today.plusDays(4));
        assertThat(due(tenant, estimateId)).as("moved with the expiry date").contains(expiresAt);

        String token = EstimateFlow.token(EstimateFlow.send(api(tenant), tenant, estimateId, "send_manually"));
        assertThat(due(tenant, estimateId)).contains(expiresAt);

        // the last second of the expiry date in Chicago: still open
        clock.set(expiresAt.minusSeconds(1));
        assertThat(EstimateFlow.read(api(tenant), tenant, estimateId).path("expired").asBoolean()).isFalse();
        assertThat(due(tenant, estimateId)).isPresent();

        clock.set(expiresAt.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> due(tenant, estimateId).isEmpty());
        JsonNode expired = EstimateFlow.read(api(tenant), tenant, estimateId);
        assertThat(expired.path("expired").asBoolean()).isTrue();
        assertThat(expired.path("expiredAt").isString()).as("recorded by the job").isTrue();
        assertThat(expired.path("estimateActionHistory").toString()).contains("\"expired\"");
        EstimateFlow.Answer accept = EstimateFlow.accept(baseUrl(), token, "Pat Doe");
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.body()).contains("has expired");
    }

    @Test
    void anAnsweredEstimateIsLeftAsItIs() {
        Tenant tenant = newTenant();
        LocalDate today = LocalDate.now(clock.withZone(CHICAGO));
        String estimateId = EstimateFlow.create(api(tenant), EstimateFlow.body(tenant, "pat@customer.example",
                "(214) 559-6993", today.plusDays(1).toString(), false));
        String token = EstimateFlow.token(EstimateFlow.send(api(tenant), tenant, estimateId, "send_manually"));
        assertThat(due(tenant, estimateId)).isPresent();
        assertThat(EstimateFlow.accept(baseUrl(), token, "Pat Doe").status()).isEqualTo(303);
        assertThat(due(tenant, estimateId)).as("called off by the acceptance").isEmpty();

        clock.set(endOf(today.plusDays(1)).plusSeconds(1));
        JsonNode estimate = EstimateFlow.read(api(tenant), tenant, estimateId);
        assertThat(estimate.path("estimateStatus").asString()).isEqualTo("accepted");
        assertThat(estimate.has("expiredAt")).isFalse();
    }
}
