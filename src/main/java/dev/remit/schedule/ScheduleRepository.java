package dev.remit.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Schedules and their generated occurrences; every statement filters by location. */
@Repository
class ScheduleRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ScheduleRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(InvoiceSchedule s) {
        jdbc.sql("""
                insert into invoice_schedule (id, location_id, name, status, live_mode, currency, total, contact_name,
                    contact_email, contact_phone, content, schedule, auto_payment, last_occurrence, next_occurrence,
                    next_run_at, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.locationId(), s.name(), s.status().wire(), s.liveMode(), s.currency(), s.total(),
                        contact(s, "name"), lower(contact(s, "email")), contact(s, "phoneNo"), text(s.content()),
                        text(s.schedule()), text(s.autoPayment()), local(s.lastOccurrence()), local(s.nextOccurrence()),
                        ts(s.nextRunAt()), s.version(), ts(s.createdAt()), ts(s.updatedAt()))
                .update();
    }

    /** Writes the schedule if nobody else has since it was read; otherwise {@link OptimisticLockingFailureException}. */
    void update(InvoiceSchedule s) {
        int rows = jdbc.sql("""
                update invoice_schedule set name = ?, status = ?, live_mode = ?, currency = ?, total = ?, contact_name = ?,
                    contact_email = ?, contact_phone = ?, content = ?, schedule = ?, auto_payment = ?,
                    last_occurrence = ?, next_occurrence = ?, next_run_at = ?, version = version + 1, updated_at = ?
                where location_id = ? and id = ? and version = ?""")
                .params(s.name(), s.status().wire(), s.liveMode(), s.currency(), s.total(), contact(s, "name"),
                        lower(contact(s, "email")), contact(s, "phoneNo"), text(s.content()), text(s.schedule()),
                        text(s.autoPayment()), local(s.lastOccurrence()), local(s.nextOccurrence()), ts(s.nextRunAt()),
                        ts(s.updatedAt()), s.locationId(), s.id(), s.version())
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("schedule " + s.id() + " was changed concurrently");
        }
    }

    Optional<InvoiceSchedule> find(String locationId, String id) {
        return jdbc.sql("select * from invoice_schedule where location_id = ? and id = ?").params(locationId, id)
                .query(this::schedule).optional();
    }

    /** The schedule, its row locked until the transaction ends (occurrences and changes take turns). */
    Optional<InvoiceSchedule> lock(String locationId, String id) {
        return jdbc.sql("select * from invoice_schedule where location_id = ? and id = ? for update").params(locationId, id)
                .query(this::schedule).optional();
    }

    void delete(InvoiceSchedule s) {
        jdbc.sql("delete from invoice_schedule_occurrence where schedule_id = ?").param(s.id()).update();
        int rows = jdbc.sql("delete from invoice_schedule where location_id = ? and id = ? and version = ?")
                .params(s.locationId(), s.id(), s.version()).update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("schedule " + s.id() + " was changed concurrently");
        }
    }

    record Filter(String status, LocalDate startAt, LocalDate endAt, String search, Boolean liveMode) {
    }

    record Page(List<InvoiceSchedule> schedules, long total) {
    }

    Page list(String locationId, Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where s.location_id = :location");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("location", locationId);
        if (filter.status() != null) {
            where.append(" and s.status = :status");
            params.put("status", filter.status());
        }
        if (filter.startAt() != null) {
            where.append(" and s.created_at >= :startAt");
            params.put("startAt", filter.startAt().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (filter.endAt() != null) {
            where.append(" and s.created_at < :endAt");
            params.put("endAt", filter.endAt().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (filter.liveMode() != null) {
            where.append(" and s.live_mode = :live");
            params.put("live", filter.liveMode());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim().toLowerCase(Locale.ROOT);
            where.append(" and (s.id = :term or lower(s.name) like :like escape '\\'"
                    + " or lower(s.contact_name) like :like escape '\\' or s.contact_email like :like escape '\\'");
            params.put("term", term);
            params.put("like", "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            String digits = term.replaceAll("[^0-9]", "");
            if (digits.length() >= 3) {
                where.append(" or s.contact_phone like :phone");
                params.put("phone", "%" + digits + "%");
            }
            where.append(")");
        }
        long total = jdbc.sql("select count(*) from invoice_schedule s" + where).params(params).query(Long.class).single();
        List<InvoiceSchedule> page = jdbc.sql("select s.* from invoice_schedule s" + where
                + " order by s.created_at desc, s.id desc limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(this::schedule).list();
        return new Page(page, total);
    }

    /** Records the invoice of an occurrence; a second one for the same occurrence violates the primary key. */
    void insertOccurrence(String locationId, String scheduleId, String occurrence, String invoiceId, Instant now) {
        jdbc.sql("""
                insert into invoice_schedule_occurrence (schedule_id, occurrence, location_id, invoice_id, created_at)
                values (?, ?, ?, ?, ?)""").params(scheduleId, occurrence, locationId, invoiceId, ts(now)).update();
    }

    boolean occurrenceExists(String scheduleId, String occurrence) {
        return jdbc.sql("select count(*) from invoice_schedule_occurrence where schedule_id = ? and occurrence = ?")
                .params(scheduleId, occurrence).query(Long.class).single() > 0;
    }

    /** The invoices generated so far, oldest occurrence first. */
    List<String> invoiceIds(String locationId, String scheduleId) {
        return jdbc.sql("""
                select invoice_id from invoice_schedule_occurrence where location_id = ? and schedule_id = ?
                order by occurrence""").params(locationId, scheduleId).query(String.class).list();
    }

    private InvoiceSchedule schedule(ResultSet rs, int row) throws SQLException {
        return new InvoiceSchedule(rs.getString("id"), rs.getString("location_id"), rs.getString("name"),
                ScheduleStatus.fromWire(rs.getString("status")).orElseThrow(), rs.getBoolean("live_mode"),
                rs.getString("currency"), rs.getBigDecimal("total"), (ObjectNode) json.readTree(rs.getString("content")),
                json.readTree(rs.getString("schedule")), tree(rs.getString("auto_payment")),
                localOf(rs.getString("last_occurrence")), localOf(rs.getString("next_occurrence")),
                instant(rs, "next_run_at"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }

    private String text(JsonNode node) {
        return node == null ? null : json.writeValueAsString(node);
    }

    private static String contact(InvoiceSchedule s, String field) {
        JsonNode value = s.content().path("contactDetails").get(field);
        return value == null || !value.isString() || value.asString().isEmpty() ? null : value.asString();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String local(LocalDateTime t) {
        return t == null ? null : t.toString();
    }

    private static LocalDateTime localOf(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
