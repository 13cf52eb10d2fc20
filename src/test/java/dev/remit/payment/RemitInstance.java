package dev.remit.payment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.RemitApplication;
import dev.remit.support.ApiClient;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Company;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenKind;
import dev.remit.tenancy.TokenService;
import dev.remit.tenancy.User;

/** One remit server (a node of a cluster) on a given database, started and stopped by a test. */
final class RemitInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RemitInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RemitInstance start(Map<String, Object> database, String name, Object... beans) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("remit.secret-key", PaymentTestBase.SECRET_KEY);
        properties.put("remit.payments.stripe.api-base", StripeStub.base());
        properties.put("remit.data-dir", System.getProperty("java.io.tmpdir") + "/remit-node-" + database.hashCode());
        properties.put("db-scheduler.scheduler-name", name);
        properties.put("db-scheduler.polling-interval", "100ms");
        properties.put("db-scheduler.heartbeat-interval", "1s");
        properties.put("db-scheduler.missed-heartbeats-limit", "4");
        properties.put("db-scheduler.shutdown-max-wait", "1s");
        properties.put("spring.main.banner-mode", "off");
        // As arguments, so they win over application.yml (builder properties are only defaults).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(RemitApplication.class)
                .initializers(context -> {
                    for (int i = 0; i < beans.length; i++) {
                        context.getBeanFactory().registerSingleton("testBean" + i, beans[i]);
                    }
                });
        return new RemitInstance(builder.run(arguments));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    Tenant connectedTenant(String label) {
        TenancyRepository tenancy = bean(TenancyRepository.class);
        Company company = tenancy.createCompany("Node Co " + label);
        Location location = tenancy.createLocation(company.id(), "Node Plumbing", "US", "America/Chicago");
        User user = tenancy.createUser(company.id(), "Alex", "alex@example.com", List.of(location.id()));
        String token = bean(TokenService.class).issue(TokenKind.PRIVATE_INTEGRATION, company.id(), location.id(), "test",
                Scopes.ALL).secret();
        bean(StripeAccounts.class).configure(location.id(), PaymentTestBase.TEST_KEY, null, PaymentTestBase.WEBHOOK_SECRET,
                null);
        return new Tenant(company.id(), location.id(), user.id(), token);
    }

    String createInvoice(Tenant tenant, Object amount) {
        var created = new ApiClient(baseUrl(), tenant.token()).post("/invoices/",
                InvoicePaymentFlowTest.createBody(tenant, amount, "2026-02-10"));
        if (created.status() > 201) {
            throw new IllegalStateException(created.toString());
        }
        return created.json().path("_id").asString();
    }

    /** What the send endpoint does for payments, in one transaction. */
    void sendWithAutoPayment(Tenant tenant, String invoiceId) {
        bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(status -> {
            bean(dev.remit.invoice.InvoiceService.class).modify(tenant.locationId(), invoiceId,
                    invoice -> invoice.markSent(java.time.Instant.now(), false, AutoPaymentTest.autoPayment(true)));
            bean(AutoPayments.class).scheduleAutoPayment(tenant.locationId(), invoiceId);
        });
    }

    @Override
    public void close() {
        context.close();
    }
}
