package dev.remit.estimate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.remit.invoice.Discount;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.SmsPhones;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estimate aggregate's storage: the estimate row (its content as a JSON document), its action
 * history, and the link to the invoice made from it. Every statement filters by location.
 */
@Repository
public class EstimateRepository {

    /** What list-estimates filters by; {@code status} null for all. */
    public record Filter(String status, LocalDate startAt, LocalDate endAt, String search, String contactId) {
    }

    public record Page(List<Estimate> estimates, long total) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    EstimateRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Estimate e) {
        EstimateContent c = e.content();
        jdbc.sql("""
                insert into estimate (id, location_id, estimate_number, name, status, currency, issue_date, expiry_date,
                    contact_id, contact_name, contact_email, contact_phone, live_mode, total, auto_invoice, public_token,
                    document, invoice_id, last_visited_at, visit_count, sent_at, accepted_at, accepted_name,
                    accepted_signature, declined_at, decline_reason, expired_at, invoiced_at, version, created_at,
                    updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), e.locationId(), e.estimateNumber(), c.name(), e.status().wire(), c.currency(),
                        c.issueDate(), c.expiryDate(), c.contactText("id"), c.contactText("name"),
                        lower(c.contactText("email")), c.smsPhones().contact(), c.liveMode(), e.totals().total(),
                        c.autoInvoice().enabled(), e.publicToken(), document(c), e.invoiceId(), ts(e.lastVisitedAt()),
                        e.visitCount(), ts(e.sentAt()), ts(e.acceptedAt()), e.acceptedName(), e.acceptedSignature(),
                        ts(e.declinedAt()), e.declineReason(), ts(e.expiredAt()), ts(e.invoicedAt()), e.version(),
                        ts(e.createdAt()), ts(e.updatedAt()))
                .update();
        saveHistory(e);
    }

    /** Writes the estimate if nobody else has since it was read; otherwise {@link OptimisticLockingFailureException}. */
    void update(Estimate e) {
        EstimateContent c = e.content();
        int rows = jdbc.sql("""
                update estimate set name = ?, status = ?, currency = ?, issue_date = ?, expiry_date = ?, contact_id = ?,
                    contact_name = ?, contact_email = ?, contact_phone = ?, live_mode = ?, total = ?, auto_invoice = ?,
                    document = ?, invoice_id = ?, last_visited_at = ?, visit_count = ?, sent_at = ?, accepted_at = ?,
                    accepted_name = ?, accepted_signature = ?, declined_at = ?, decline_reason = ?, expired_at = ?,
                    invoiced_at = ?, version = version + 1, updated_at = ?
                where location_id = ? and id = ? and version = ?""")
                .params(c.name(), e.status().wire(), c.currency(), c.issueDate(), c.expiryDate(), c.contactText("id"),
                        c.contactText("name"), lower(c.contactText("email")), c.smsPhones().contact(), c.liveMode(),
                        e.totals().total(), c.autoInvoice().enabled(), document(c), e.invoiceId(),
                        ts(e.lastVisitedAt()), e.visitCount(), ts(e.sentAt()), ts(e.acceptedAt()), e.acceptedName(),
                        e.acceptedSignature(), ts(e.declinedAt()), e.declineReason(), ts(e.expiredAt()),
                        ts(e.invoicedAt()), ts(e.updatedAt()), e.locationId(), e.id(), e.version())
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("estimate " + e.id() + " changed since version " + e.version());
        }
        saveHistory(e);
    }

    private void saveHistory(Estimate e) {
        int seq = e.savedHistorySize();
        for (EstimateAction action : e.takeUnsaved()) {
            seq++;
            jdbc.sql("""
                    insert into estimate_action_history (location_id, estimate_id, seq, action, actor, actor_id,
                        actor_name, note, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(e.locationId(), e.id(), seq, action.action(), action.actor(), action.actorId(),
                            action.actorName(), action.note(), ts(action.at()))
                    .update();
        }
    }

    Optional<Estimate> find(String locationId, String id) {
        return jdbc.sql("select * from estimate where location_id = ? and id = ?").params(locationId, id)
                .query(this::estimate).optional().map(this::withHistory);
    }

    /** The estimate, its row locked until the transaction ends (a second writer waits, then reads what the first wrote). */
    Optional<Estimate> lock(String locationId, String id) {
        return jdbc.sql("select * from estimate where location_id = ? and id = ? for update").params(locationId, id)
                .query(this::estimate).optional().map(this::withHistory);
    }

    Optional<Estimate> findByPublicToken(String token) {
        return jdbc.sql("select * from estimate e where e.public_token = ?").param(token).query(this::estimate)
                .optional().map(this::withHistory);
    }

    Optional<String> locationOf(String id) {
        return jdbc.sql("select location_id from estimate where id = ?").param(id).query(String.class).optional();
    }

    /** Deletes the estimate as it was read; {@link OptimisticLockingFailureException} when it changed since. */
    void delete(Estimate e) {
        int rows = jdbc.sql("delete from estimate where location_id = ? and id = ? and version = ?")
                .params(e.locationId(), e.id(), e.version()).update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("estimate " + e.id() + " changed since version " + e.version());
        }
    }

    boolean numberExists(String locationId, String number) {
        return jdbc.sql("select count(*) from estimate where location_id = ? and estimate_number = ?")
                .params(locationId, number).query(Integer.class).single() > 0;
    }

    /** Records the invoice made from the estimate; a second one for the same estimate is a duplicate key. */
    void insertInvoiceLink(String locationId, String estimateId, String invoiceId, Instant at) {
        jdbc.sql("insert into estimate_invoice (location_id, estimate_id, invoice_id, created_at) values (?, ?, ?, ?)")
                .params(locationId, estimateId, invoiceId, ts(at)).update();
    }

    void deleteInvoiceLink(String locationId, String estimateId) {
        jdbc.sql("delete from estimate_invoice where location_id = ? and estimate_id = ?").params(locationId, estimateId)
                .update();
    }

    /** The estimate an invoice was made from, if it was. */
    Optional<String> estimateOfInvoice(String locationId, String invoiceId) {
        return jdbc.sql("select estimate_id from estimate_invoice where location_id = ? and invoice_id = ?")
                .params(locationId, invoiceId).query(String.class).optional();
    }

    Page list(String locationId, Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where location_id = :location");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("location", locationId);
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.startAt() != null) {
            where.append(" and issue_date >= :startAt");
            params.put("startAt", filter.startAt());
        }
        if (filter.endAt() != null) {
            where.append(" and issue_date <= :endAt");
            params.put("endAt", filter.endAt());
        }
        if (filter.contactId() != null) {
            where.append(" and contact_id = :contact");
            params.put("contact", filter.contactId());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim().toLowerCase(Locale.ROOT);
            where.append(" and (id = :term or lower(name) like :like escape '\\' or lower(estimate_number) like :like"
                    + " escape '\\' or lower(coalesce(contact_name, '')) like :like escape '\\'"
                    + " or coalesce(contact_email, '') like :like escape '\\')");
            params.put("term", term);
            params.put("like", "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        long total = jdbc.sql("select count(*) from estimate" + where).params(params).query(Long.class).single();
        List<Estimate> page = jdbc.sql("select * from estimate" + where
                + " order by issue_date desc, created_at desc, id desc limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(this::estimate).list();
        return new Page(withHistory(locationId, page), total);
    }

    // ---------------------------------------------------------------- mapping

    private Estimate withHistory(Estimate e) {
        return withHistory(e.locationId(), List.of(e)).get(0);
    }

    private List<Estimate> withHistory(String locationId, List<Estimate> estimates) {
        if (estimates.isEmpty()) {
            return estimates;
        }
        Map<String, List<EstimateAction>> byEstimate = new LinkedHashMap<>();
        estimates.forEach(e -> byEstimate.put(e.id(), new ArrayList<>()));
        jdbc.sql("""
                select * from estimate_action_history where location_id = :location and estimate_id in (:ids)
                order by estimate_id, seq""")
                .param("location", locationId).param("ids", List.copyOf(byEstimate.keySet()))
                .query((rs, n) -> {
                    byEstimate.get(rs.getString("estimate_id")).add(new EstimateAction(rs.getString("action"),
                            rs.getString("actor"), rs.getString("actor_id"), rs.getString("actor_name"),
                            rs.getString("note"), instant(rs, "created_at")));
                    return null;
                }).list();
        return estimates.stream().map(e -> e.withHistory(byEstimate.get(e.id()))).toList();
    }

    private String document(EstimateContent c) {
        ObjectNode doc = json.createObjectNode();
        doc.put("title", c.title());
        doc.set("items", json.valueToTree(c.items()));
        doc.set("discount", json.valueToTree(c.discount()));
        doc.put("termsNotes", c.termsNotes());
        doc.put("estimateNumberPrefix", c.estimateNumberPrefix());
        doc.put("automaticTaxesEnabled", c.automaticTaxesEnabled());
        doc.set("businessDetails", c.businessDetails());
        doc.set("contactDetails", c.contactDetails());
        doc.set("sentTo", c.sentTo());
        doc.set("frequencySettings", c.frequencySettings());
        doc.set("autoInvoice", json.valueToTree(c.autoInvoice()));
        doc.set("paymentScheduleConfig", c.paymentScheduleConfig());
        doc.set("miscellaneousCharges", c.miscellaneousCharges());
        doc.put("charges", c.charges().toPlainString());
        doc.set("extras", c.extras());
        doc.set("smsPhones", json.valueToTree(c.smsPhones()));
        return json.writeValueAsString(doc);
    }

    private Estimate estimate(ResultSet rs, int row) throws SQLException {
        JsonNode doc = json.readTree(rs.getString("document"));
        List<LineItem> items = json.convertValue(doc.get("items"), new TypeReference<List<LineItem>>() { });
        EstimateContent content = new EstimateContent(rs.getString("name"), text(doc, "title"), rs.getString("currency"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("expiry_date", LocalDate.class), items,
                json.treeToValue(doc.get("discount"), Discount.class), text(doc, "termsNotes"),
                text(doc, "estimateNumberPrefix"), rs.getBoolean("live_mode"),
                doc.path("automaticTaxesEnabled").asBoolean(false), node(doc, "businessDetails"),
                node(doc, "contactDetails"), node(doc, "sentTo"), node(doc, "frequencySettings"),
                doc.get("autoInvoice") instanceof ObjectNode auto ? json.treeToValue(auto, AutoInvoice.class) : null,
                node(doc, "paymentScheduleConfig"), node(doc, "miscellaneousCharges"),
                new BigDecimal(doc.path("charges").asString("0")),
                doc.get("extras") instanceof ObjectNode extras ? extras : json.createObjectNode(),
                doc.get("smsPhones") instanceof ObjectNode phones ? json.treeToValue(phones, SmsPhones.class) : null);
        return new Estimate(rs.getString("id"), rs.getString("location_id"), rs.getString("estimate_number"),
                rs.getString("public_token"), content, EstimateStatus.fromWire(rs.getString("status")).orElseThrow(),
                rs.getString("invoice_id"), instant(rs, "last_visited_at"), rs.getInt("visit_count"),
                instant(rs, "sent_at"), instant(rs, "accepted_at"), rs.getString("accepted_name"),
                rs.getString("accepted_signature"), instant(rs, "declined_at"), rs.getString("decline_reason"),
                instant(rs, "expired_at"), instant(rs, "invoiced_at"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"), List.of());
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static JsonNode node(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
