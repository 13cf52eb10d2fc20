package dev.remit.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.remit.RemitApplication;
import dev.remit.support.TestDatabase;
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;

/**
 * Two servers on one database asked at the same moment to make the invoice of the same estimates (an
 * accept clicked twice, a retried request, the auto-invoice job on both): each estimate gets exactly one
 * invoice, and both servers answer it.
 */
class EstimateInvoiceClusterTest {

    static final int ESTIMATES = 6;

    @Test
    void twoServersMakeEachEstimatesInvoiceOnce() throws Exception {
        Map<String, Object> database = TestDatabase.fresh("estimates");
        try (ConfigurableApplicationContext a = start(database, "node-a");
                ConfigurableApplicationContext b = start(database, "node-b")) {
            Tenant tenant = Tenants.of(a).create();
            EstimateService onA = a.getBean(EstimateService.class);
            EstimateService onB = b.getBean(EstimateService.class);
            EstimateContent content = EstimateLifecycleTest.content(java.time.LocalDate.of(2031, 3, 1),
                    java.time.LocalDate.of(2031, 3, 31));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < ESTIMATES; i++) {
                String id = (i % 2 == 0 ? onA : onB).create(tenant.locationId(), content, null, null).id();
                onA.markSent(tenant.locationId(), id, null, null);
                onB.accept(tenant.locationId(), id, "Alex Customer", null);
                ids.add(id);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (String id : ids) {
                    CyclicBarrier together = new CyclicBarrier(4);
                    List<Future<String>> made = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        EstimateService via = t % 2 == 0 ? onA : onB;
                        boolean mark = t < 2;
                        made.add(pool.submit(() -> {
                            together.await();
                            return via.createInvoice(tenant.locationId(), id, mark).invoice().id();
                        }));
                    }
                    Set<String> invoiceIds = new HashSet<>();
                    for (Future<String> answer : made) {
                        invoiceIds.add(answer.get());
                    }
                    assertThat(invoiceIds).as("the invoices of estimate " + id).hasSize(1);
                    assertThat(onB.get(tenant.locationId(), id).invoiceId()).isEqualTo(invoiceIds.iterator().next());
                    assertThat(onA.get(tenant.locationId(), id).status()).isEqualTo(EstimateStatus.INVOICED);
                }
            } finally {
                pool.shutdownNow();
            }
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from invoice where location_id = ?").param(tenant.locationId())
                    .query(Long.class).single()).isEqualTo(ESTIMATES);
            assertThat(jdbc.sql("select count(*) from estimate_invoice where location_id = ?").param(tenant.locationId())
                    .query(Long.class).single()).isEqualTo(ESTIMATES);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database, String name) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("remit.bootstrap.enabled", "false");
        // one key for both servers, as a cluster shares its REMIT_SECRET_KEY (docs/security.md)
        properties.put("remit.secret-key", "q83vEjRWeJC8uHZmNRHp8b6xv0vR1bnZkMRmz4gM2qY=");
        properties.put("remit.data-dir", System.getProperty("java.io.tmpdir") + "/remit-estimates-" + database.hashCode());
        properties.put("db-scheduler.scheduler-name", name);
        properties.put("db-scheduler.shutdown-max-wait", "1s");
        properties.put("spring.main.banner-mode", "off");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RemitApplication.class).run(arguments);
    }
}
