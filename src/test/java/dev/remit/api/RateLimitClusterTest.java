package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.RemitApplication;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.MutableClock;
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;
import dev.remit.support.TestClock;
import dev.remit.support.TestDatabase;

/**
 * Two instances on one database, each counting in memory and syncing in batches of {@value #BATCH}:
 * a burst fired at both admits at least the limit and at most {@code (2 - 1) * (BATCH - 1)} past it,
 * with far fewer writes than requests, and counts an instance has not synced reach the other once
 * the sync interval has passed on the (test) clock.
 */
class RateLimitClusterTest {

    static final int BURST = 100;
    static final int BATCH = 10;
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(5);

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> shared = TestDatabase.fresh("ratelimit_cluster");
        first = server(shared);
        second = server(shared);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
    }

    static ConfigurableApplicationContext server(Map<String, Object> database) throws Exception {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("remit.data-dir", Files.createTempDirectory("remit-ratelimit").toString());
        properties.put("remit.rate-limit.burst-max", BURST);
        properties.put("remit.rate-limit.burst-interval", "1000d");
        properties.put("remit.rate-limit.daily-max", 1_000_000);
        properties.put("remit.rate-limit.burst-sync-batch", BATCH);
        properties.put("remit.rate-limit.daily-sync-batch", BATCH);
        properties.put("remit.rate-limit.sync-interval", SYNC_INTERVAL.toString());
        properties.put("db-scheduler.enabled", "false");
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(RemitApplication.class, ClusterClock.class).run(args.toArray(String[]::new));
    }

    /** Each instance on a clock of its own that the test moves: both in step. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ClusterClock {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MutableClock clusterClock() {
            return new MutableClock(TestClock.START);
        }
    }

    static ApiResponse read(ConfigurableApplicationContext context, Tenant tenant) {
        ApiResponse response = new ApiClient(RateLimitTest.baseUrl(context), tenant.token())
                .get(GateTest.read(tenant.locationId()));
        RateLimitTest.assertRateLimitHeaders(response);
        return response;
    }

    static long syncs() {
        return first.getBean(RateLimiter.class).syncs() + second.getBean(RateLimiter.class).syncs();
    }

    @Test
    void aBurstAcrossTwoInstancesStaysWithinTheDocumentedBound() throws Exception {
        Tenant tenant = Tenants.of(first).create();
        int requests = 4 * BURST;
        long syncsBefore = syncs();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ConfigurableApplicationContext instance = i % 2 == 0 ? first : second;
                answers.add(pool.submit(() -> read(instance, tenant)));
            }
            int allowed = 0;
            int refused = 0;
            for (Future<ApiResponse> answer : answers) {
                int status = answer.get().status();
                if (status == 200) {
                    allowed++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertThat(allowed + refused).isEqualTo(requests);
            assertThat(allowed).as("admitted of a burst of %d", BURST).isBetween(BURST, BURST + (2 - 1) * (BATCH - 1));
            // two windows per request, once per request each before; now batches
            assertThat(syncs() - syncsBefore).as("writes for %d requests", requests).isLessThan(requests / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsNotYetSyncedReachTheOtherInstanceOnceTheSyncIntervalHasPassed() {
        Tenant tenant = Tenants.of(first).create();
        // the first request of a window syncs; the next four stay in the first instance's memory
        for (int i = 1; i <= 5; i++) {
            assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - i));
        }
        ApiResponse onSecond = read(second, tenant);
        assertThat(onSecond.header("X-RateLimit-Remaining")).as("the second knows of the first's synced request only")
                .isEqualTo(Integer.toString(BURST - 2));

        for (ConfigurableApplicationContext context : List.of(first, second)) {
            context.getBean(MutableClock.class).advance(SYNC_INTERVAL);
        }
        first.getBean(RateLimiter.class).flushIdle();
        assertThat(read(second, tenant).header("X-RateLimit-Remaining")).as("all seven, after the sync")
                .isEqualTo(Integer.toString(BURST - 7));
        // the first synced in the flush and does not know of the second's last request until its next sync
        assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 7));
        for (ConfigurableApplicationContext context : List.of(first, second)) {
            context.getBean(MutableClock.class).advance(SYNC_INTERVAL);
        }
        assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 9));
    }
}
