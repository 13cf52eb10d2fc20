package dev.remit.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.RemitApplication;
import dev.remit.support.ApiClient;
import dev.remit.support.EstimateFlow;
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;
import dev.remit.support.TestDatabase;

/**
 * Two servers on one database: customers click Accept on both at once (and twice), and every
 * estimate with autoInvoice becomes exactly one invoice, sent once.
 */
class EstimateAutoInvoiceClusterTest {

    private static ConfigurableApplicationContext start(Map<String, Object> database, String name) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("remit.data-dir", System.getProperty("java.io.tmpdir") + "/remit-estimate-node-" + database.hashCode());
        properties.put("db-scheduler.scheduler-name", name);
        properties.put("db-scheduler.polling-interval", "100ms");
        properties.put("db-scheduler.heartbeat-interval", "1s");
        properties.put("db-scheduler.shutdown-max-wait", "1s");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RemitApplication.class).run(arguments);
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void twoInstancesTurnEachAcceptedEstimateIntoOneInvoiceSentOnce() throws Exception {
        Map<String, Object> database = TestDatabase.fresh("estimate_cluster");
        try (ConfigurableApplicationContext a = start(database, "node-a");
                ConfigurableApplicationContext b = start(database, "node-b")) {
            Tenant tenant = Tenants.of(a).create();
            ApiClient apiA = new ApiClient(baseUrl(a), tenant.token());
            ApiClient apiB = new ApiClient(baseUrl(b), tenant.token());
            List<String> estimates = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = EstimateFlow.create(i % 2 == 0 ? apiA : apiB, EstimateFlow.body(tenant,
                        "pat" + i + "@customer.example", "(214) 559-69" + (10 + i), "2099-12-31", true));
                estimates.add(id);
                tokens.add(EstimateFlow.token(EstimateFlow.send(i % 2 == 0 ? apiB : apiA, tenant, id, "send_manually")));
            }

            ExecutorService clicks = Executors.newFixedThreadPool(8);
            try {
                List<Future<EstimateFlow.Answer>> answers = new ArrayList<>();
                for (String token : tokens) {
                    for (ConfigurableApplicationContext node : List.of(a, b, a, b)) {
                        answers.add(clicks.submit(() -> EstimateFlow.accept(baseUrl(node), token, "Pat Doe")));
                    }
                }
                for (Future<EstimateFlow.Answer> answer : answers) {
                    assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(303);
                }
            } finally {
                clicks.shutdown();
            }

            JdbcClient jdbc = a.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql(
                    "select count(*) from scheduled_tasks where task_name = 'estimate-auto-invoice'").query(Long.class).single() == 0
                    && jdbc.sql("select count(*) from invoice where location_id = ? and status = 'sent'")
                            .param(tenant.locationId()).query(Long.class).single() == estimates.size());
            Thread.sleep(1000);
            assertThat(jdbc.sql("select count(*) from invoice where location_id = ?").param(tenant.locationId())
                    .query(Long.class).single()).as("one invoice per estimate").isEqualTo(estimates.size());
            List<String> invoiceIds = jdbc.sql("select id from invoice where location_id = ?").param(tenant.locationId())
                    .query(String.class).list();
            for (String invoiceId : invoiceIds) {
                assertThat(jdbc.sql("select count(*) from delivery where location_id = ? and invoice_id = ? and channel = 'email'")
                        .params(tenant.locationId(), invoiceId).query(Long.class).single()).as("emails of " + invoiceId)
                        .isEqualTo(1);
            }
        }
    }
}
