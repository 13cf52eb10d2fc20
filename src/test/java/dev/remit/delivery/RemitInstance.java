package dev.remit.delivery;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.RemitApplication;
import dev.remit.support.FreePort;
import dev.remit.support.Tenants;
import dev.remit.support.TestDatabase;

/**
 * One remit "server" (a Spring context without the web part) over a given database, configured the
 * way a test needs (SMTP on GreenMail's port, Twilio on WireMock). Several may share a database: that
 * is how the crash and two-instance tests work.
 */
final class RemitInstance implements AutoCloseable {

    final ConfigurableApplicationContext context;

    private RemitInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Settings every delivery test wants: quick polling, short backoff. */
    static Map<String, Object> fastDelivery(Map<String, Object> database, Path dataDir) {
        Map<String, Object> properties = new LinkedHashMap<>(database);
        properties.put("remit.data-dir", dataDir.toString());
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("db-scheduler.polling-interval", "100ms");
        properties.put("db-scheduler.heartbeat-interval", "1s");
        properties.put("db-scheduler.shutdown-max-wait", "2s");
        properties.put("remit.delivery.initial-backoff", "200ms");
        properties.put("remit.delivery.max-backoff", "1s");
        properties.put("spring.mail.properties.mail.smtp.connectiontimeout", "2000");
        properties.put("spring.mail.properties.mail.smtp.timeout", "5000");
        properties.put("spring.mail.properties.mail.smtp.writetimeout", "5000");
        return properties;
    }

    static RemitInstance start(Map<String, Object> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RemitApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        return new RemitInstance(context);
    }

    static Map<String, Object> freshDatabase(String purpose) {
        return TestDatabase.fresh(purpose);
    }

    static Path tempDataDir() {
        try {
            return Files.createTempDirectory("remit-delivery-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        return FreePort.next();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    DeliveryService deliveries() {
        return bean(DeliveryService.class);
    }

    /** A new company and location; deliveries belong to a location. */
    String newLocation() {
        return Tenants.of(context).create().locationId();
    }

    Delivery delivery(String locationId, String id) {
        return deliveries().delivery(locationId, id).orElseThrow();
    }

    /** Waits until the delivery is no longer queued and answers it. */
    Delivery awaitFinal(String locationId, String id, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> delivery(locationId, id).status().isFinal());
        return delivery(locationId, id);
    }

    @Override
    public void close() {
        context.close();
    }
}
