package dev.remit.invoice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.remit.invoice.InvoiceRepository.InvoiceFilter;
import dev.remit.invoice.InvoiceRepository.Page;

/**
 * The list and search of a location's invoices, over the rows {@link InvoiceRepository} maps. With a
 * search term, the invoices whose id is the term, or whose name, number, contact name or contact email
 * contain it (case-insensitively but for the email), or whose number is the term's number part
 * ("INV-12") or whose phone contains its digits.
 *
 * <p>The term's matches in the location are found first, through the location's entries of one
 * trigram index ({@code invoice_search_idx}, V25): a subquery with {@code offset 0}, which PostgreSQL
 * plans on its own, without the page's order and limit and without the other filters, so it neither
 * walks the location newest first hoping to meet twenty matches early (what trigram statistics, being
 * table-wide, made it do) nor walks a status and date range of it. Status, dates, mode and contact
 * filter the matches; the page is sorted from what is left, and {@code total} is counted over them in
 * the same statement: the work grows with the matches in the location, not with the location. The four text columns are
 * searched as one text, joined by a newline (a term with a newline in it searches them one by one).
 * On H2 the same statements run without the index.
 */
@Repository
public class InvoiceSearch {

    private static final String SELECT = InvoiceRepository.SELECT;
    /** The index's expression, written exactly as V25 writes it, so that PostgreSQL matches the two. */
    static final String DOCUMENT = "(lower(s.name) || '\n' || lower(s.invoice_number) || '\n' || "
            + "coalesce(lower(s.contact_name), '') || '\n' || coalesce(s.contact_email, ''))";
    private static final String COLUMNS = "lower(s.name) like :like escape '\\' or lower(s.invoice_number) like :like"
            + " escape '\\' or lower(s.contact_name) like :like escape '\\' or s.contact_email like :like escape '\\'";
    private static final Pattern PREFIXED = Pattern.compile("^[a-z][a-z0-9._/ -]*?[-_/# ]?([0-9]+)$");

    private final JdbcClient jdbc;
    private final InvoiceRepository rows;

    public InvoiceSearch(JdbcClient jdbc, InvoiceRepository rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** A page of a location's invoices and the count of all that match. */
    public Page list(String locationId, InvoiceFilter filter, int limit, int offset) {
        if (filter.search() != null && !filter.search().isBlank()) {
            return search(locationId, filter, limit, offset);
        }
        StringBuilder where = new StringBuilder(" where i.location_id = :location");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("location", locationId);
        if (filter.status() != null) {
            where.append(" and i.status = :status");
            params.put("status", filter.status());
        }
        if (filter.startAt() != null) {
            where.append(" and i.issue_date >= :startAt");
            params.put("startAt", filter.startAt());
        }
        if (filter.endAt() != null) {
            where.append(" and i.issue_date <= :endAt");
            params.put("endAt", filter.endAt());
        }
        if (filter.liveMode() != null) {
            where.append(" and i.live_mode = :live");
            params.put("live", filter.liveMode());
        }
        if (filter.contactId() != null) {
            where.append(" and i.contact_id = :contact");
            params.put("contact", filter.contactId());
        }
        long total = jdbc.sql("select count(*) from invoice i" + where).params(params).query(Long.class).single();
        String direction = filter.ascending() ? "asc" : "desc";
        List<Invoice> page = jdbc.sql(SELECT + where + " order by i.issue_date " + direction + ", i.created_at "
                + direction + ", i.id " + direction + " limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(rows::invoice).list();
        return new Page(page, total);
    }

    private record Match(Invoice invoice, long total) {
    }

    private Page search(String locationId, InvoiceFilter filter, int limit, int offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("location", locationId);
        StringBuilder filters = new StringBuilder(" where 1 = 1");
        if (filter.status() != null) {
            filters.append(" and m.status = :status");
            params.put("status", filter.status());
        }
        if (filter.startAt() != null) {
            filters.append(" and m.issue_date >= :startAt");
            params.put("startAt", filter.startAt());
        }
        if (filter.endAt() != null) {
            filters.append(" and m.issue_date <= :endAt");
            params.put("endAt", filter.endAt());
        }
        if (filter.liveMode() != null) {
            filters.append(" and m.live_mode = :live");
            params.put("live", filter.liveMode());
        }
        if (filter.contactId() != null) {
            filters.append(" and m.contact_id = :contact");
            params.put("contact", filter.contactId());
        }
        String term = filter.search().trim().toLowerCase(Locale.ROOT);
        StringBuilder where = new StringBuilder(" where s.location_id = :location and (s.id = :term or ")
                .append(term.indexOf('\n') >= 0 ? COLUMNS : DOCUMENT + " like :like escape '\\'");
        params.put("term", term);
        params.put("like", "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        Matcher prefixed = PREFIXED.matcher(term);
        if (prefixed.matches()) {
            // "INV-12": the number with its prefix (the prefix is kept apart from the number)
            where.append(" or s.invoice_number = :numberPart");
            params.put("numberPart", prefixed.group(1));
        }
        String digits = term.replaceAll("[^0-9]", "");
        if (digits.length() >= 3) {
            where.append(" or s.contact_phone like :phone");
            params.put("phone", "%" + digits + "%");
        }
        where.append(")");

        // the location's matches alone, planned apart (offset 0); the other filters apply to them
        String matches = "select m.id, m.issue_date, m.created_at from (select s.id, s.issue_date, s.created_at,"
                + " s.status, s.live_mode, s.contact_id from invoice s" + where + " offset 0) m" + filters;
        String direction = filter.ascending() ? "asc" : "desc";
        String order = " order by m.issue_date " + direction + ", m.created_at " + direction + ", m.id " + direction;
        String page = """
                select %s, m.matches
                from (select m.id, m.issue_date, m.created_at, count(*) over () as matches
                      from (%s) m%s limit :limit offset :offset) m
                join invoice i on i.location_id = :location and i.id = m.id%s""".formatted(InvoiceRepository.COLUMNS, matches, order, order);
        List<Match> matched = jdbc.sql(page).params(params).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Match(rows.invoice(rs, n), rs.getLong("matches"))).list();
        if (matched.isEmpty()) {
            long total = offset == 0 ? 0
                    : jdbc.sql("select count(*) from (" + matches + ") m").params(params).query(Long.class).single();
            return new Page(List.of(), total);
        }
        List<Invoice> found = new ArrayList<>(matched.size());
        matched.forEach(row -> found.add(row.invoice()));
        return new Page(found, matched.get(0).total());
    }
}
