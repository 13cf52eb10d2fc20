package dev.remit.payment;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.RemitApplication;
import dev.remit.support.ApiClient;
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;

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
        properties.put("remit.secret-key", StripeStub.SECRET_KEY);
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
        return Tenants.of(context).connected("Node Co " + label);
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
            bean(dev.remit.invoice.InvoiceService.class).send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, AutoPaymentTest.autoPayment(true), unchecked -> { });
        });
    }

    @Override
    public void close() {
        context.close();
    }
}
