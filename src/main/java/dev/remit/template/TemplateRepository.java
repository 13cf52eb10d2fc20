package dev.remit.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Invoice templates; every statement filters by location. */
@Repository
public class TemplateRepository {

    /** What list-invoice-templates filters by: created between two instants, a text in id, name or title. */
    public record Filter(Instant from, Instant until, String search) {
    }

    public record Page(List<InvoiceTemplate> templates, long total) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TemplateRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(InvoiceTemplate t) {
        jdbc.sql("""
                insert into invoice_template (id, location_id, name, title, currency, total, document, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.locationId(), t.name(), t.title(), t.currency(), t.total(),
                        json.writeValueAsString(t.document()), ts(t.createdAt()), ts(t.updatedAt()))
                .update();
    }

    boolean update(InvoiceTemplate t) {
        return jdbc.sql("""
                update invoice_template set name = ?, title = ?, currency = ?, total = ?, document = ?, updated_at = ?
                where location_id = ? and id = ?""")
                .params(t.name(), t.title(), t.currency(), t.total(), json.writeValueAsString(t.document()),
                        ts(t.updatedAt()), t.locationId(), t.id())
                .update() == 1;
    }

    /** The template, read for a change in this transaction (locked against a concurrent change). */
    Optional<InvoiceTemplate> findForUpdate(String locationId, String id) {
        return jdbc.sql("select * from invoice_template where location_id = ? and id = ? for update")
                .params(locationId, id).query(this::template).optional();
    }

    Optional<InvoiceTemplate> find(String locationId, String id) {
        return jdbc.sql("select * from invoice_template where location_id = ? and id = ?")
                .params(locationId, id).query(this::template).optional();
    }

    boolean delete(String locationId, String id) {
        return jdbc.sql("delete from invoice_template where location_id = ? and id = ?").params(locationId, id)
                .update() == 1;
    }

    Page list(String locationId, Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where location_id = ?");
        List<Object> params = new ArrayList<>(List.of(locationId));
        if (filter.from() != null) {
            where.append(" and created_at >= ?");
            params.add(ts(filter.from()));
        }
        if (filter.until() != null) {
            where.append(" and created_at < ?");
            params.add(ts(filter.until()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String like = "%" + filter.search().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" and (lower(name) like ? escape '\\' or lower(coalesce(title, '')) like ? escape '\\' or id = ?)");
            params.add(like);
            params.add(like);
            params.add(filter.search().trim());
        }
        long total = jdbc.sql("select count(*) from invoice_template" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        List<InvoiceTemplate> page = jdbc.sql("select * from invoice_template" + where
                + " order by created_at desc, id desc limit ? offset ?").params(paged).query(this::template).list();
        return new Page(page, total);
    }

    private InvoiceTemplate template(ResultSet rs, int row) throws SQLException {
        return new InvoiceTemplate(rs.getString("id"), rs.getString("location_id"), rs.getString("name"),
                rs.getString("title"), rs.getString("currency"), rs.getBigDecimal("total"),
                (ObjectNode) json.readTree(rs.getString("document")), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
