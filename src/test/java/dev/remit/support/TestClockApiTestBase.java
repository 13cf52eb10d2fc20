package dev.remit.support;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.remit.tenancy.Company;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;
import dev.remit.tenancy.User;

/**
 * A running server on the {@link TestClock}, over a database of its own: tests move time with
 * {@link #clock} instead of sleeping, and no other context's scheduler sees the tasks they make
 * due. The burst limit is 20 requests, so a test can spend it and watch the window reset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "remit.bootstrap.enabled=false", "db-scheduler.polling-interval=100ms", "remit.rate-limit.burst-max=20"})
@Import(TestClock.class)
public abstract class TestClockApiTestBase {

    private static final Map<String, Object> DATABASE = TestDatabase.fresh("clock");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("remit.data-dir", () -> System.getProperty("java.io.tmpdir") + "/remit-clock-" + DATABASE.hashCode());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected TenancyRepository tenancy;

    @Autowired
    protected TokenService tokens;

    protected ApiClient api(Tenant tenant) {
        return new ApiClient("http://localhost:" + port, tenant.token());
    }

    /** A new company with one location (America/Chicago), a user with access to it, and a token with every scope. */
    protected Tenant newTenant() {
        Company company = tenancy.createCompany("Clock Co");
        Location location = tenancy.createLocation(company.id(), "Acme Plumbing", "US", "America/Chicago");
        User user = tenancy.createUser(company.id(), "Alex", "alex@example.com", List.of(location.id()));
        String token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test", Scopes.ALL).secret();
        return new Tenant(company.id(), location.id(), user.id(), token);
    }
}
