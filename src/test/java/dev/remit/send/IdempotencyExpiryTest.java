package dev.remit.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;

/** An Idempotency-Key holds for 24 hours of the server's clock: the test moves the clock, it does not wait a day. */
@ClockServerTest
class IdempotencyExpiryTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    @Test
    void aKeyAnswersItsFirstRequestFor24HoursAndIsFreeAfterThem() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        ApiClient keyed = api(tenant).withHeader("Idempotency-Key", "send-" + invoiceId);
        Map<String, Object> live = send(tenant, true);
        Map<String, Object> test = send(tenant, false);

        ApiResponse first = keyed.post("/invoices/" + invoiceId + "/send", live);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        clock.advance(Duration.ofHours(24));
        ApiResponse replay = keyed.post("/invoices/" + invoiceId + "/send", live);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        ApiResponse other = keyed.post("/invoices/" + invoiceId + "/send", test);
        assertThat(other.status()).as("another request with the key, 24 hours on").isEqualTo(422);

        clock.advance(Duration.ofMillis(1));
        ApiResponse free = keyed.post("/invoices/" + invoiceId + "/send", test);
        assertThat(free.status()).as(free.toString()).isEqualTo(200);
        assertThat(free.json().path("invoice").path("liveMode").asBoolean(true)).as("a new send, not the replay").isFalse();
    }

    @Test
    void theHourlyCleanupForgetsAKeyOnceTheClockIsPastItsDay() {
        Tenant tenant = newTenant();
        String invoiceId = createInvoice(tenant);
        String key = "cleanup-" + invoiceId;
        assertThat(api(tenant).withHeader("Idempotency-Key", key).post("/invoices/" + invoiceId + "/send", send(tenant, true))
                .status()).isEqualTo(200);
        assertThat(keys(tenant, key)).isEqualTo(1);

        // The cleanup is due at most an hour after it last ran: 23 hours on it runs, and leaves the key.
        java.time.Instant dayLess = clock.advance(Duration.ofHours(23));
        await().atMost(Duration.ofSeconds(20)).until(() -> cleanupLastRan().map(at -> !at.isBefore(dayLess)).orElse(false));
        assertThat(keys(tenant, key)).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(tenant, key) == 0);
    }

    private java.util.Optional<java.time.Instant> cleanupLastRan() {
        return jdbc.sql("select last_success from scheduled_tasks where task_name = 'idempotency-key-cleanup'")
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
    }

    private int keys(Tenant tenant, String key) {
        return jdbc.sql("select count(*) from idempotency_key where location_id = ? and idem_key = ?")
                .params(tenant.locationId(), key).query(Integer.class).single();
    }

    private String createInvoice(Tenant tenant) {
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private static Map<String, Object> send(Tenant tenant, boolean liveMode) {
        Map<String, Object> send = InvoiceBodies.seedSend(tenant, "send_manually", liveMode);
        send.remove("autoPayment");
        return send;
    }
}
