package dev.remit.estimate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Estimate templates; every statement filters by location. */
@Repository
class EstimateTemplateRepository {

    record Page(List<EstimateTemplate> templates, long total) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    EstimateTemplateRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(EstimateTemplate t) {
        jdbc.sql("""
                insert into estimate_template (id, location_id, name, title, currency, total, document, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.locationId(), t.name(), t.title(), t.currency(), t.total(),
                        json.writeValueAsString(t.document()), EstimateRepository.ts(t.createdAt()),
                        EstimateRepository.ts(t.updatedAt()))
                .update();
    }

    boolean update(EstimateTemplate t) {
        return jdbc.sql("""
                update estimate_template set name = ?, title = ?, currency = ?, total = ?, document = ?, updated_at = ?
                where location_id = ? and id = ?""")
                .params(t.name(), t.title(), t.currency(), t.total(), json.writeValueAsString(t.document()),
                        EstimateRepository.ts(t.updatedAt()), t.locationId(), t.id())
                .update() == 1;
    }

    Optional<EstimateTemplate> find(String locationId, String id) {
        return jdbc.sql("select * from estimate_template where location_id = ? and id = ?")
                .params(locationId, id).query(this::template).optional();
    }

    Optional<EstimateTemplate> findForUpdate(String locationId, String id) {
        return jdbc.sql("select * from estimate_template where location_id = ? and id = ? for update")
                .params(locationId, id).query(this::template).optional();
    }

    boolean delete(String locationId, String id) {
        return jdbc.sql("delete from estimate_template where location_id = ? and id = ?").params(locationId, id)
                .update() == 1;
    }

    /** A page of the location's templates, newest first; {@code search} is an id or a part of the name. */
    Page list(String locationId, String search, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where location_id = ?");
        List<Object> params = new ArrayList<>(List.of(locationId));
        if (search != null && !search.isBlank()) {
            String like = "%" + search.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" and (lower(name) like ? escape '\\' or id = ?)");
            params.add(like);
            params.add(search.trim());
        }
        long total = jdbc.sql("select count(*) from estimate_template" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        List<EstimateTemplate> page = jdbc.sql("select * from estimate_template" + where
                + " order by created_at desc, id desc limit ? offset ?").params(paged).query(this::template).list();
        return new Page(page, total);
    }

    private EstimateTemplate template(ResultSet rs, int row) throws SQLException {
        return new EstimateTemplate(rs.getString("id"), rs.getString("location_id"), rs.getString("name"),
                rs.getString("title"), rs.getString("currency"), rs.getBigDecimal("total"),
                (ObjectNode) json.readTree(rs.getString("document")), EstimateRepository.instant(rs, "created_at"),
                EstimateRepository.instant(rs, "updated_at"));
    }
}
