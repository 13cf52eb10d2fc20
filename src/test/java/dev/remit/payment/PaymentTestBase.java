package dev.remit.payment;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.remit.support.TestDatabase;
import dev.remit.tenancy.Company;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/**
 * A running server whose Stripe is {@link StripeStub}, with REMIT_SECRET_KEY set, over the real
 * invoice capability. Each test makes its own location.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "remit.bootstrap.enabled=false", "db-scheduler.polling-interval=200ms"})
@Import(PaymentTestBase.Notifications.class)
public abstract class PaymentTestBase {

    /** base64 of 32 bytes: the test deployment's REMIT_SECRET_KEY. */
    public static final String SECRET_KEY = "q83vEjRWeJC8uHZmNRHp8b6xv0vR1bnZkMRmz4gM2qY=";
    public static final String TEST_KEY = "sk_test_51NotARealKeyButLongEnoughToLookLikeOne000000000000";
    public static final String WEBHOOK_SECRET = "whsec_testSigningSecretForRemitWebhooks0001";

    private static final Map<String, Object> DATABASE = TestDatabase.fresh("pay");

    /** Chosen before the server starts, so that public links (remit.public-base-url) point at it. */
    private static final int PORT = freePort();

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("remit.public-base-url", () -> "http://localhost:" + PORT);
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        // Small pools: the suite keeps many contexts open at once on one PostgreSQL server.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("remit.secret-key", () -> SECRET_KEY);
        registry.add("remit.payments.stripe.api-base", StripeStub::base);
        registry.add("remit.payments.stripe.checkout-origin", StripeStub::base);
        registry.add("remit.data-dir", () -> System.getProperty("java.io.tmpdir") + "/remit-pay-" + DATABASE.hashCode());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected TenancyRepository tenancy;

    @Autowired
    protected StripeAccounts accounts;

    @Autowired
    protected JdbcClient jdbc;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    private static int counter;

    /** A new location with Stripe connected in test mode. */
    protected String connectedLocation() {
        String location = newLocation();
        accounts.configure(location, TEST_KEY, null, WEBHOOK_SECRET, null);
        return location;
    }

    protected String newLocation() {
        return newTenant().locationId();
    }

    @Autowired
    protected dev.remit.tenancy.TokenService tokens;

    /** A location with a user and a token with every invoice scope. */
    protected dev.remit.support.Tenant newTenant() {
        Company company = tenancy.createCompany("Pay Co " + next());
        Location location = tenancy.createLocation(company.id(), "Pay Plumbing", "US", "America/Chicago");
        dev.remit.tenancy.User user = tenancy.createUser(company.id(), "Alex", "alex@example.com", List.of(location.id()));
        String token = tokens.issue(dev.remit.tenancy.TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test",
                dev.remit.tenancy.Scopes.ALL).secret();
        return new dev.remit.support.Tenant(company.id(), location.id(), user.id(), token);
    }

    protected dev.remit.support.Tenant connectedTenant() {
        dev.remit.support.Tenant tenant = newTenant();
        accounts.configure(tenant.locationId(), TEST_KEY, null, WEBHOOK_SECRET, null);
        return tenant;
    }

    protected dev.remit.support.ApiClient api(dev.remit.support.Tenant tenant) {
        return new dev.remit.support.ApiClient(baseUrl(), tenant.token());
    }

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class Notifications {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        PaymentNotifications recordingNotifications() {
            return new RecordingNotifications();
        }
    }

    private static synchronized int next() {
        return ++counter;
    }
}
