package db.migration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queued jobs of the two task types written before the jobs helper (dev.remit.jobs) get its JSON
 * data: {@code {"data": {...}, "failures": n, "since": ..., "due": ...}}. {@code deliver-message}
 * stored the location id as a serialized Java String (the delivery id is the instance id);
 * {@code remit-auto-payment} stored nothing and packed {@code locationId:invoiceId} into the instance
 * id. Task names and instance ids stay as they were.
 */
public class V16__job_data_as_json extends BaseJavaMigration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Row(String instance, byte[] data, Instant executionTime) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        for (Row row : rows(connection, "deliver-message")) {
            String locationId = javaString(row.data());
            Instant since = row.executionTime();
            int failures = 0;
            try (PreparedStatement delivery = connection
                    .prepareStatement("select queued_at, attempts from delivery where id = ?")) {
                delivery.setString(1, row.instance());
                try (ResultSet rs = delivery.executeQuery()) {
                    if (rs.next()) {
                        since = rs.getObject(1, OffsetDateTime.class).toInstant();
                        failures = rs.getInt(2);
                    }
                }
            }
            ObjectNode data = JSON.createObjectNode().put("locationId", locationId).put("deliveryId", row.instance());
            update(connection, "deliver-message", row, data, failures, since);
        }
        for (Row row : rows(connection, "remit-auto-payment")) {
            String[] ids = row.instance().split(":", 2);
            if (ids.length < 2) {
                continue;
            }
            Instant since = row.executionTime();
            int failures = 0;
            try (PreparedStatement attempts = connection.prepareStatement("""
                    select count(*), min(created_at) from payment_attempt
                    where location_id = ? and invoice_id = ? and kind = 'auto' and status = 'failed'""")) {
                attempts.setString(1, ids[0]);
                attempts.setString(2, ids[1]);
                try (ResultSet rs = attempts.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        failures = rs.getInt(1);
                        since = rs.getObject(2, OffsetDateTime.class).toInstant();
                    }
                }
            }
            ObjectNode data = JSON.createObjectNode().put("locationId", ids[0]).put("invoiceId", ids[1]);
            update(connection, "remit-auto-payment", row, data, failures, since);
        }
    }

    private static List<Row> rows(Connection connection, String task) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select task_instance, task_data, execution_time from scheduled_tasks where task_name = ?")) {
            select.setString(1, task);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return rows;
    }

    private static void update(Connection connection, String task, Row row, ObjectNode data, int failures, Instant since)
            throws SQLException {
        ObjectNode state = JSON.createObjectNode();
        state.set("data", data);
        state.put("failures", failures).put("since", since.toString()).put("due", row.executionTime().toString());
        try (PreparedStatement update = connection
                .prepareStatement("update scheduled_tasks set task_data = ? where task_name = ? and task_instance = ?")) {
            update.setBytes(1, JSON.writeValueAsString(state).getBytes(StandardCharsets.UTF_8));
            update.setString(2, task);
            update.setString(3, row.instance());
            update.executeUpdate();
        }
    }

    /** A String written by Java serialization (db-scheduler's former serializer); nothing else is read. */
    private static String javaString(byte[] bytes) throws IOException, ClassNotFoundException {
        if (bytes == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == String.class
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED);
            return (String) in.readObject();
        }
    }
}
