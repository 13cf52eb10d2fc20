package dev.remit.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContext;

import dev.remit.payment.StripeAccounts;
import dev.remit.payment.StripeStub;
import dev.remit.tenancy.Company;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;
import dev.remit.tenancy.User;

/**
 * Makes the tenants tests work as: a company with one location (America/Chicago), a user with
 * access to it and a private integration token. Every test makes its own, so tests never see each
 * other's data. A bean in every {@link RemitServerTest} context; {@link #of} serves servers a test
 * starts itself.
 */
public class Tenants {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TenancyRepository tenancy;
    private final TokenService tokens;
    private final StripeAccounts stripe;

    public Tenants(TenancyRepository tenancy, TokenService tokens, StripeAccounts stripe) {
        this.tenancy = tenancy;
        this.tokens = tokens;
        this.stripe = stripe;
    }

    public static Tenants of(ApplicationContext context) {
        return new Tenants(context.getBean(TenancyRepository.class), context.getBean(TokenService.class),
                context.getBean(StripeAccounts.class));
    }

    /** A new tenant whose token has every scope. */
    public Tenant create() {
        return create(Scopes.ALL);
    }

    public Tenant create(List<String> scopes) {
        return create("Acme " + COUNTER.incrementAndGet(), scopes);
    }

    private Tenant create(String companyName, List<String> scopes) {
        Company company = tenancy.createCompany(companyName);
        Location location = tenancy.createLocation(company.id(), "Acme Plumbing", "US", "America/Chicago");
        User user = tenancy.createUser(company.id(), "Alex", "alex@example.com", List.of(location.id()));
        String token = tokens.issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test", scopes).secret();
        return new Tenant(company.id(), location.id(), user.id(), token);
    }

    /** A new tenant with Stripe connected in test mode ({@link StripeStub#TEST_KEY}). */
    public Tenant connected() {
        return connected("Acme " + COUNTER.incrementAndGet());
    }

    /** The same, its company named so a test's log says which tenant is whose. */
    public Tenant connected(String companyName) {
        Tenant tenant = create(companyName, Scopes.ALL);
        stripe.configure(tenant.locationId(), StripeStub.TEST_KEY, null, StripeStub.WEBHOOK_SECRET, null);
        return tenant;
    }

    /** A new tenant with Stripe connected in test and live mode. */
    public Tenant connectedInBothModes() {
        return connectedInBothModes(Scopes.ALL);
    }

    public Tenant connectedInBothModes(List<String> scopes) {
        Tenant tenant = create(scopes);
        stripe.configure(tenant.locationId(), StripeStub.TEST_KEY, "sk_live_" + "0".repeat(40), StripeStub.WEBHOOK_SECRET,
                "whsec_live" + "0".repeat(30));
        return tenant;
    }
}
