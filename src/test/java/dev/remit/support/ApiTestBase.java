package dev.remit.support;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.payment.RecordingNotifications;
import dev.remit.payment.StripeAccounts;
import dev.remit.payment.StripeStub;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenService;

/**
 * The shortcuts API tests use, over the server {@link RemitServerTest} starts: clients for a
 * tenant, and the {@link Tenants} fixture. Every such server has Stripe on {@link StripeStub} and
 * records payment notifications ({@link RecordingNotifications}) instead of sending them, so that
 * payment tests share one context with the rest. A test class brings any other stub it needs with
 * {@code @Import} and its settings with {@code @TestPropertySource}; each distinct list is one
 * more context to start, so prefer the composed annotations ({@link ClockServerTest}).
 */
@RemitServerTest
@Import({StripeStub.Server.class, RecordingNotifications.Config.class})
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Tenants tenants;

    @Autowired
    protected TenancyRepository tenancy;

    @Autowired
    protected TokenService tokens;

    @Autowired
    protected StripeAccounts accounts;

    @Autowired
    protected JdbcClient jdbc;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A client for a tenant's token. */
    protected ApiClient api(Tenant tenant) {
        return new ApiClient(baseUrl(), tenant.token());
    }

    protected ApiClient anonymous() {
        return new ApiClient(baseUrl(), null);
    }

    /** A new company with one location, a user with access to it, and a private integration token. */
    protected Tenant newTenant() {
        return tenants.create();
    }

    protected Tenant newTenant(List<String> scopes) {
        return tenants.create(scopes);
    }

    /** A new tenant with Stripe connected in test mode. */
    protected Tenant connectedTenant() {
        return tenants.connected();
    }

    protected String newLocation() {
        return tenants.create().locationId();
    }

    /** A new location with Stripe connected in test mode. */
    protected String connectedLocation() {
        return tenants.connected().locationId();
    }
}
