package dev.remit.invoice;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoice aggregate's storage: the invoice row (its content as a JSON document) and its payment
 * ledger, from which amountPaid is summed. Every statement filters by location. The list and search
 * is {@link InvoiceSearch}; numbers are {@code numbering.DocumentNumbers}; settings are
 * {@link InvoiceSettingsRepository}.
 */
@Repository
public class InvoiceRepository {

    /** What an invoice row is read with: its columns, the sum of its payments and of its late fees (for {@link #invoice}). */
    static final String COLUMNS = """
            i.*, (select coalesce(sum(p.amount), 0) from invoice_payment p
                  where p.location_id = i.location_id and p.invoice_id = i.id) as paid,
                 (select coalesce(sum(f.amount), 0) from invoice_late_fee f
                  where f.location_id = i.location_id and f.invoice_id = i.id) as late_fees""";
    static final String SELECT = "select " + COLUMNS + " from invoice i";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public InvoiceRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---------------------------------------------------------------- invoices

    public void insert(Invoice invoice) {
        InvoiceContent c = invoice.content();
        jdbc.sql("""
                insert into invoice (id, location_id, invoice_number, name, status, currency, issue_date, due_date,
                    contact_id, contact_name, contact_email, contact_phone, live_mode, sub_total, discount_total,
                    tax_total, total, amount_paid, amount_due, public_token, document, last_visited_at, visit_count,
                    sent_at, voided_at, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(invoice.id(), invoice.locationId(), invoice.invoiceNumber(), c.name(), invoice.status().wire(),
                        c.currency(), c.issueDate(), c.dueDate(), c.contactText("id"), c.contactText("name"),
                        lower(c.contactText("email")), c.smsPhones().contact(), c.liveMode(),
                        invoice.totals().subTotal(), invoice.totals().discount(), invoice.totals().tax(),
                        invoice.totals().total(), invoice.amountPaid(), invoice.amountDue(), invoice.publicToken(),
                        document(invoice), ts(invoice.lastVisitedAt()), invoice.visitCount(), ts(invoice.sentAt()),
                        ts(invoice.voidedAt()), invoice.version(), ts(invoice.createdAt()), ts(invoice.updatedAt()))
                .update();
    }

    /** Writes the invoice if nobody else has since it was read; otherwise {@link OptimisticLockingFailureException}. */
    public void update(Invoice invoice) {
        InvoiceContent c = invoice.content();
        int rows = jdbc.sql("""
                update invoice set name = ?, status = ?, currency = ?, issue_date = ?, due_date = ?, contact_id = ?,
                    contact_name = ?, contact_email = ?, contact_phone = ?, live_mode = ?, sub_total = ?,
                    discount_total = ?, tax_total = ?, total = ?, amount_paid = ?, amount_due = ?, document = ?,
                    sent_at = ?, voided_at = ?, version = version + 1, updated_at = ?
                where location_id = ? and id = ? and version = ?""")
                .params(c.name(), invoice.status().wire(), c.currency(), c.issueDate(), c.dueDate(),
                        c.contactText("id"), c.contactText("name"), lower(c.contactText("email")),
                        c.smsPhones().contact(), c.liveMode(), invoice.totals().subTotal(),
                        invoice.totals().discount(), invoice.totals().tax(), invoice.totals().total(),
                        invoice.amountPaid(), invoice.amountDue(), document(invoice), ts(invoice.sentAt()),
                        ts(invoice.voidedAt()), ts(invoice.updatedAt()), invoice.locationId(), invoice.id(),
                        invoice.version())
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("invoice " + invoice.id() + " changed since version "
                    + invoice.version());
        }
    }

    public Optional<Invoice> find(String locationId, String id) {
        return jdbc.sql(SELECT + " where i.location_id = ? and i.id = ?").params(locationId, id)
                .query(this::invoice).optional();
    }

    /** The location an invoice belongs to (for callers that only know the id). */
    public Optional<String> locationOf(String id) {
        return jdbc.sql("select location_id from invoice where id = ?").param(id).query(String.class).optional();
    }

    public Optional<Invoice> findByPublicToken(String token) {
        return jdbc.sql(SELECT + " where i.public_token = ?").param(token).query(this::invoice).optional();
    }

    /** Deletes the invoice as it was read; {@link OptimisticLockingFailureException} when it changed since. */
    public void delete(Invoice invoice) {
        int rows = jdbc.sql("delete from invoice where location_id = ? and id = ? and version = ?")
                .params(invoice.locationId(), invoice.id(), invoice.version()).update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("invoice " + invoice.id() + " changed since version "
                    + invoice.version());
        }
    }

    public boolean recordVisit(String locationId, String id, Instant at) {
        return jdbc.sql("""
                update invoice set last_visited_at = ?, visit_count = visit_count + 1
                where location_id = ? and id = ?""").params(ts(at), locationId, id).update() > 0;
    }

    public record InvoiceFilter(String status, LocalDate startAt, LocalDate endAt, String search, Boolean liveMode,
            String contactId, boolean ascending) {
    }

    public record Page(List<Invoice> invoices, long total) {
    }

    // ---------------------------------------------------------------- numbers

    /** Whether another invoice of the location has this number. */
    public boolean numberExists(String locationId, String number) {
        return jdbc.sql("select count(*) from invoice where location_id = ? and invoice_number = ?")
                .params(locationId, number).query(Integer.class).single() > 0;
    }

    // ---------------------------------------------------------------- payments

    /** One line of the ledger; {@code source} is {@code manual} for record-payment, a provider's name otherwise. */
    public record Payment(String id, String locationId, String invoiceId, BigDecimal amount, String currency,
            String mode, String source, String cardBrand, String cardLast4, String chequeNumber, String notes,
            JsonNode meta, String providerRef, Instant fulfilledAt, Instant createdAt) {
    }

    public void insertPayment(Payment p) {
        jdbc.sql("""
                insert into invoice_payment (id, location_id, invoice_id, amount, currency, mode, source, card_brand,
                    card_last4, cheque_number, notes, meta, provider_ref, fulfilled_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.locationId(), p.invoiceId(), p.amount(), p.currency(), p.mode(), p.source(),
                        p.cardBrand(), p.cardLast4(), p.chequeNumber(), p.notes(),
                        p.meta() == null ? null : json.writeValueAsString(p.meta()), p.providerRef(),
                        ts(p.fulfilledAt()), ts(p.createdAt()))
                .update();
    }

    public List<Payment> payments(String locationId, String invoiceId) {
        return jdbc.sql("select * from invoice_payment where location_id = ? and invoice_id = ? order by created_at, id")
                .params(locationId, invoiceId).query((rs, n) -> new Payment(rs.getString("id"),
                        rs.getString("location_id"), rs.getString("invoice_id"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), rs.getString("mode"), rs.getString("source"),
                        rs.getString("card_brand"), rs.getString("card_last4"), rs.getString("cheque_number"),
                        rs.getString("notes"), rs.getString("meta") == null ? null : json.readTree(rs.getString("meta")),
                        rs.getString("provider_ref"), instant(rs, "fulfilled_at"), instant(rs, "created_at")))
                .list();
    }

    public boolean hasProviderPayments(String locationId, String invoiceId) {
        return jdbc.sql("select count(*) from invoice_payment where location_id = ? and invoice_id = ? and source <> 'manual'")
                .params(locationId, invoiceId).query(Integer.class).single() > 0;
    }

    // ---------------------------------------------------------------- mapping

    private String document(Invoice invoice) {
        InvoiceContent c = invoice.content();
        ObjectNode doc = json.createObjectNode();
        doc.put("title", c.title());
        doc.set("items", json.valueToTree(c.items()));
        doc.set("discount", json.valueToTree(c.discount()));
        doc.put("termsNotes", c.termsNotes());
        doc.put("invoiceNumberPrefix", c.invoiceNumberPrefix());
        doc.put("automaticTaxesEnabled", c.automaticTaxesEnabled());
        doc.set("businessDetails", c.businessDetails());
        doc.set("contactDetails", c.contactDetails());
        doc.set("sentTo", c.sentTo());
        doc.set("paymentSchedule", c.paymentSchedule());
        doc.set("miscellaneousCharges", c.miscellaneousCharges());
        doc.put("charges", c.charges().toPlainString());
        doc.set("extras", c.extras());
        doc.set("smsPhones", json.valueToTree(c.smsPhones()));
        doc.set("autoPayment", invoice.autoPayment());
        return json.writeValueAsString(doc);
    }

    Invoice invoice(ResultSet rs, int row) throws SQLException {
        JsonNode doc = json.readTree(rs.getString("document"));
        List<LineItem> items = json.convertValue(doc.get("items"), new TypeReference<List<LineItem>>() { });
        InvoiceContent content = new InvoiceContent(rs.getString("name"), text(doc, "title"), rs.getString("currency"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class), items,
                json.treeToValue(doc.get("discount"), Discount.class), text(doc, "termsNotes"),
                text(doc, "invoiceNumberPrefix"), rs.getBoolean("live_mode"),
                doc.path("automaticTaxesEnabled").asBoolean(false), node(doc, "businessDetails"),
                node(doc, "contactDetails"), node(doc, "sentTo"), node(doc, "paymentSchedule"),
                node(doc, "miscellaneousCharges"), new BigDecimal(doc.path("charges").asString("0")),
                doc.get("extras") instanceof ObjectNode extras ? extras : json.createObjectNode(),
                doc.get("smsPhones") instanceof ObjectNode phones ? json.treeToValue(phones, SmsPhones.class) : null);
        Invoice invoice = new Invoice(rs.getString("id"), rs.getString("location_id"), rs.getString("invoice_number"),
                rs.getString("public_token"), content, InvoiceStatus.fromWire(rs.getString("status")).orElseThrow(),
                rs.getBigDecimal("paid"), node(doc, "autoPayment"), instant(rs, "last_visited_at"),
                rs.getInt("visit_count"), instant(rs, "sent_at"), instant(rs, "voided_at"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
        invoice.restoreLateFees(rs.getBigDecimal("late_fees"));
        return invoice;
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
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
