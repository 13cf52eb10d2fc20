package dev.remit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.remit.support.TestDatabase;

/**
 * Jobs queued by a version before the jobs helper (data as a serialized Java String, or ids packed
 * into the instance id) are rewritten by V16 into the helper's JSON, and run after an upgrade.
 */
class JobDataMigrationTest {

    private static final Instant QUEUED = Instant.parse("2031-03-03T15:00:00Z");
    private static final Instant DUE = Instant.parse("2031-03-04T06:00:00Z");

    @Test
    void queuedDeliveriesAndAutoPaymentsGetTheirDataAsJson() throws IOException {
        Map<String, Object> database = TestDatabase.fresh("jobdata");
        DriverManagerDataSource dataSource = new DriverManagerDataSource((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        flyway(dataSource, database, "7").migrate();

        jdbc.sql("insert into company (id, name, created_at) values ('c1', 'Co', ?)").param(Timestamp.from(QUEUED)).update();
        jdbc.sql("insert into location (id, company_id, name, country, time_zone, created_at) values ('loc1', 'c1', 'L', 'US', 'UTC', ?)")
                .param(Timestamp.from(QUEUED)).update();
        jdbc.sql("""
                insert into delivery (id, location_id, channel, message_id, recipients, sandboxed, status, attempts,
                    queued_at, payload) values ('d1', 'loc1', 'email', '<d1@x>', '{}', false, 'queued', 2, ?, '{}')""")
                .param(Timestamp.from(QUEUED)).update();
        insertTask(jdbc, "deliver-message", "d1", javaSerialized("loc1"), DUE);
        insertTask(jdbc, "remit-auto-payment", "loc1:inv1", null, DUE);
        insertTask(jdbc, "idempotency-key-cleanup", "recurring", null, DUE);

        flyway(dataSource, database, "latest").migrate();

        JobJson json = new JobJson();
        JobState delivery = json.deserialize(JobState.class, data(jdbc, "deliver-message", "d1"));
        assertThat(delivery.data().path("locationId").asString()).isEqualTo("loc1");
        assertThat(delivery.data().path("deliveryId").asString()).isEqualTo("d1");
        assertThat(delivery.failures()).isEqualTo(2);
        assertThat(delivery.since()).isEqualTo(QUEUED);
        assertThat(delivery.due()).isEqualTo(DUE);

        JobState charge = json.deserialize(JobState.class, data(jdbc, "remit-auto-payment", "loc1:inv1"));
        assertThat(charge.data().path("locationId").asString()).isEqualTo("loc1");
        assertThat(charge.data().path("invoiceId").asString()).isEqualTo("inv1");
        assertThat(charge.failures()).isZero();
        assertThat(charge.since()).isEqualTo(DUE);

        assertThat(data(jdbc, "idempotency-key-cleanup", "recurring")).isNull();
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, Map<String, Object> database, String target) {
        var configuration = Flyway.configure().dataSource(dataSource).target(target).locations("classpath:db/migration",
                "classpath:db/vendor/" + (TestDatabase.isPostgres() ? "postgresql" : "h2"));
        if (database.containsKey("spring.flyway.schemas")) {
            configuration.schemas((String) database.get("spring.flyway.schemas")).createSchemas(true);
        }
        return configuration.load();
    }

    private static void insertTask(JdbcClient jdbc, String name, String instance, byte[] data, Instant at) {
        jdbc.sql("insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
                + "values (?, ?, ?, ?, false, 1)").params(name, instance, data, Timestamp.from(at)).update();
    }

    private static byte[] data(JdbcClient jdbc, String name, String instance) {
        return jdbc.sql("select task_data from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(name, instance).query((rs, row) -> rs.getBytes(1)).list().get(0);
    }

    private static byte[] javaSerialized(String value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
