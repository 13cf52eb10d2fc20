package dev.remit.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a test's Spring context keeps its data. The suite runs on embedded H2 always; Maven runs it
 * a second time on PostgreSQL when REMIT_TEST_POSTGRES_URL is set (system property
 * {@code remit.test.database=postgres}). Every call gives a database no other context uses:
 * a new in-memory H2, or a new schema in the PostgreSQL database.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("remit.test.database"));
    }

    public static String postgresUrl() {
        String url = System.getenv("REMIT_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("remit.test.database=postgres needs REMIT_TEST_POSTGRES_URL");
        }
        return url;
    }

    /** Spring properties for a fresh, empty database named after {@code purpose}. */
    public static Map<String, Object> fresh(String purpose) {
        String name = (purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        Map<String, Object> properties = new LinkedHashMap<>();
        if (isPostgres()) {
            String url = postgresUrl();
            properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
            properties.put("spring.datasource.username", System.getenv().getOrDefault("REMIT_TEST_POSTGRES_USER", "postgres"));
            properties.put("spring.datasource.password", System.getenv().getOrDefault("REMIT_TEST_POSTGRES_PASSWORD", ""));
            properties.put("spring.flyway.schemas", name);
            properties.put("spring.flyway.create-schemas", "true");
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        }
        // A test JVM holds several contexts at once (Spring caches them), and CI's PostgreSQL allows
        // 100 connections for everyone: open connections when needed and give idle ones back.
        properties.put("spring.datasource.hikari.maximum-pool-size", "10");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        return properties;
    }
}
