package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.ClockServerTest;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;

/** The burst window is a window of the server's clock: moving the clock past it gives the budget back. */
@ClockServerTest
class RateLimitWindowTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    static final long INTERVAL = Duration.ofSeconds(10).toMillis(); // remit.rate-limit.burst-interval's default

    @Test
    void aSpentBurstBudgetComesBackWhenTheClockEntersTheNextWindow() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String list = "/invoices/" + InvoiceBodies.q(tenant) + "&limit=10&offset=0";
        for (int i = 1; i <= 20; i++) {
            ApiResponse allowed = api.get(list);
            assertThat(allowed.status()).as("request %d: %s", i, allowed).isEqualTo(200);
        }
        ApiResponse refused = api.get(list);
        assertThat(refused.status()).isEqualTo(429);
        long now = clock.millis();
        long untilNextWindow = INTERVAL - Math.floorMod(now, INTERVAL);
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString((untilNextWindow + 999) / 1000));

        clock.advance(Duration.ofMillis(untilNextWindow - 1));
        assertThat(api.get(list).status()).as("the last millisecond of the window").isEqualTo(429);

        clock.advance(Duration.ofMillis(1));
        ApiResponse again = api.get(list);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("X-RateLimit-Remaining")).isEqualTo("19");
    }
}
