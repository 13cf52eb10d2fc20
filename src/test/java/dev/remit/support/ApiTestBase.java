package dev.remit.support;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * A running server on a random port over a database of its own (H2, or PostgreSQL when the suite
 * runs there), shared by the test classes that extend this one. Each test makes its own tenants,
 * so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "remit.bootstrap.enabled=false"})
public abstract class ApiTestBase {

    private static final java.util.Map<String, Object> DATABASE = TestDatabase.fresh("api");
    /** Chosen before the server starts, so that public links (remit.public-base-url) point at it. */
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("remit.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("remit.data-dir", () -> System.getProperty("java.io.tmpdir") + "/remit-test-" + DATABASE.get("spring.datasource.url").hashCode());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected TenancyRepository tenancy;

    @Autowired
    protected TokenService tokens;

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
        return newTenant(Scopes.ALL);
    }

    protected Tenant newTenant(List<String> scopes) {
        Company company = tenancy.createCompany("Acme " + company());
        Location location = tenancy.createLocation(company.id(), "Acme Plumbing", "US", "America/Chicago");
        User user = tenancy.createUser(company.id(), "Alex", "alex@example.com", List.of(location.id()));
        String token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test", scopes).secret();
        return new Tenant(company.id(), location.id(), user.id(), token);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int counter;

    private static synchronized int company() {
        return ++counter;
    }
}
