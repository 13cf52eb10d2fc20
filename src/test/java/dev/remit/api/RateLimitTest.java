package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;
import dev.remit.support.TestDatabase;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;

/**
 * HighLevel's limits per location, over real HTTP: a burst window and a day, 429 past either, the
 * five X-RateLimit-* headers on every answer, and counters that two server instances on one
 * database share. The windows are set long (1000 days) so that no test straddles a window's end.
 */
class RateLimitTest {

    static final List<String> HEADERS = List.of("X-RateLimit-Max", "X-RateLimit-Remaining",
            "X-RateLimit-Interval-Milliseconds", "X-RateLimit-Limit-Daily", "X-RateLimit-Daily-Remaining");
    static final String TOO_MANY = "{\"statusCode\":429,\"message\":\"Too many requests\",\"error\":\"Too Many Requests\"}";

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static ConfigurableApplicationContext daily;

    /** Every /invoices answer carries the five headers, with numbers in them. */
    static void assertRateLimitHeaders(ApiResponse response) {
        for (String header : HEADERS) {
            assertThat(response.header(header)).as("%s on %s", header, response).isNotNull().matches("\\d+");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> shared = TestDatabase.fresh("ratelimit");
        first = server(shared, 6, 1000);
        second = server(shared, 6, 1000);
        daily = server(TestDatabase.fresh("ratelimit_daily"), 1000, 3);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second, daily}) {
            if (context != null) {
                context.close();
            }
        }
    }

    static ConfigurableApplicationContext server(Map<String, Object> database, int burstMax, int dailyMax)
            throws Exception {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("remit.data-dir", Files.createTempDirectory("remit-ratelimit").toString());
        properties.put("remit.rate-limit.burst-max", burstMax);
        properties.put("remit.rate-limit.burst-interval", "1000d");
        properties.put("remit.rate-limit.daily-max", dailyMax);
        properties.put("db-scheduler.enabled", "false");
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(RemitApplication.class).run(args.toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static Tenant tenant(ConfigurableApplicationContext context) {
        return Tenants.of(context).create();
    }

    static ApiResponse read(ConfigurableApplicationContext context, Tenant tenant) {
        ApiResponse response = new ApiClient(baseUrl(context), tenant.token()).get(GateTest.read(tenant.locationId()));
        assertRateLimitHeaders(response);
        return response;
    }

    @Test
    void pastTheBurstLimitIs429WithTheHeadersOnEveryAnswer() {
        Tenant tenant = tenant(first);
        for (int i = 1; i <= 6; i++) {
            ApiResponse response = read(first, tenant);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Max")).isEqualTo("6");
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(6 - i));
            assertThat(response.header("X-RateLimit-Interval-Milliseconds")).isEqualTo(Long.toString(1000L * 86_400_000L));
            assertThat(response.header("X-RateLimit-Limit-Daily")).isEqualTo("1000");
            assertThat(response.header("X-RateLimit-Daily-Remaining")).isEqualTo(Integer.toString(1000 - i));
        }
        ApiResponse refused = read(first, tenant);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(ApiClient.tree(refused.raw())).isEqualTo(ApiClient.tree(TOO_MANY));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("Retry-After")).matches("\\d+");

        // The limit is per location: another location is untouched.
        assertThat(read(first, tenant(first)).status()).isEqualTo(200);
        // Answers that precede the count carry the headers too.
        ApiResponse noToken = new ApiClient(baseUrl(first), null).get(GateTest.read(tenant.locationId()));
        assertThat(noToken.status()).isEqualTo(401);
        assertRateLimitHeaders(noToken);
        ApiResponse noSuchPath = new ApiClient(baseUrl(first), tenant.token()).extension().get("/invoices/_probe/nothing/here");
        assertThat(noSuchPath.status()).isEqualTo(404);
        assertRateLimitHeaders(noSuchPath);
    }

    /**
     * Company B, with its agency token, its location's token and no valid token at all, names A's
     * location 300 times each: none of it may touch A's budget. What B's tokens are refused counts
     * against B's own budgets, which run out; A's first request afterwards finds its budgets full.
     */
    @Test
    void requestsRefusedForAnotherCompanysLocationNeverSpendThatLocationsBudget() {
        Tenant a = tenant(first);
        Tenant b = tenant(first);
        TokenService tokens = first.getBean(TokenService.class);
        String agencyOfB = tokens.issue(TokenKind.AGENCY, b.companyId(), null, "agency", Scopes.ALL).secret();
        for (String token : List.of(agencyOfB, b.token())) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ApiResponse refused = new ApiClient(baseUrl(first), token).extension().get(GateTest.read(a.locationId()));
                assertRateLimitHeaders(refused);
                statuses.add(refused.status());
            }
            // B's own burst: six refusals, then B is out of budget
            assertThat(statuses.subList(0, 6)).containsOnly(403);
            assertThat(statuses.subList(6, 300)).containsOnly(429);
        }
        for (int i = 0; i < 300; i++) {
            ApiResponse anonymous = new ApiClient(baseUrl(first), "pit-" + "A".repeat(43)).extension()
                    .get(GateTest.read(a.locationId()));
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("X-RateLimit-Remaining")).isEqualTo("6");
        }

        ApiResponse ofA = read(first, a);
        assertThat(ofA.status()).isEqualTo(200);
        assertThat(ofA.header("X-RateLimit-Remaining")).isEqualTo("5");
        assertThat(ofA.header("X-RateLimit-Daily-Remaining")).isEqualTo("999");
        // an agency token spends the budget of a location of its own company that it names
        String agencyOfA = tokens.issue(TokenKind.AGENCY, a.companyId(), null, "agency", Scopes.ALL).secret();
        ApiResponse byAgency = new ApiClient(baseUrl(first), agencyOfA).get(GateTest.read(a.locationId()));
        assertThat(byAgency.status()).isEqualTo(200);
        assertThat(byAgency.header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(byAgency.header("X-RateLimit-Daily-Remaining")).isEqualTo("998");
        // B's location token spent its own location's budget
        assertThat(read(first, b).status()).isEqualTo(429);
    }

    @Test
    void pastTheDailyLimitIs429() {
        Tenant tenant = tenant(daily);
        for (int i = 1; i <= 3; i++) {
            ApiResponse response = read(daily, tenant);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Daily-Remaining")).isEqualTo(Integer.toString(3 - i));
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(1000 - i));
        }
        ApiResponse refused = read(daily, tenant);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(ApiClient.tree(refused.raw())).isEqualTo(ApiClient.tree(TOO_MANY));
        assertThat(refused.header("X-RateLimit-Daily-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Limit-Daily")).isEqualTo("3");
        assertThat(read(daily, tenant(daily)).status()).isEqualTo(200);
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheCounters() {
        Tenant tenant = tenant(first);
        assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo("5");
        assertThat(read(second, tenant).header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo("3");
        assertThat(read(second, tenant).header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(read(second, tenant).header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(read(first, tenant).header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(read(second, tenant).status()).isEqualTo(429);
        assertThat(read(first, tenant).status()).isEqualTo(429);
    }

    @Test
    void concurrentRequestsAcrossInstancesNeverExceedTheLimit() throws Exception {
        Tenant tenant = tenant(first);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ConfigurableApplicationContext instance = i % 2 == 0 ? first : second;
                answers.add(pool.submit(() -> read(instance, tenant)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> remaining = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get();
                statuses.add(response.status());
                if (response.status() == 200) {
                    remaining.add(response.header("X-RateLimit-Remaining"));
                }
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(6);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(18);
            assertThat(remaining).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5");
        } finally {
            pool.shutdownNow();
        }
    }
}
