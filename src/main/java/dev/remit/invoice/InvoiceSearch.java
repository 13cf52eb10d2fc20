package dev.remit.invoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.remit.invoice.InvoiceRepository.InvoiceFilter;
import dev.remit.invoice.InvoiceRepository.Page;

/** The list and search of a location's invoices: a query of its own, over the rows {@link InvoiceRepository} maps. */
@Repository
public class InvoiceSearch {

    private static final String SELECT = InvoiceRepository.SELECT;

    private final JdbcClient jdbc;
    private final InvoiceRepository rows;

    public InvoiceSearch(JdbcClient jdbc, InvoiceRepository rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** A page of a location's invoices and the count of all that match. */
    public Page list(String locationId, InvoiceFilter filter, int limit, int offset) {
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
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim().toLowerCase(java.util.Locale.ROOT);
            where.append(" and (i.id = :term or lower(i.name) like :like escape '\\' or lower(i.invoice_number) like :like"
                    + " escape '\\' or lower(i.contact_name) like :like escape '\\' or i.contact_email like :like"
                    + " escape '\\'");
            params.put("term", term);
            params.put("like", "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            java.util.regex.Matcher prefixed = java.util.regex.Pattern.compile("^[a-z][a-z0-9._/ -]*?[-_/# ]?([0-9]+)$")
                    .matcher(term);
            if (prefixed.matches()) {
                // "INV-12": the number with its prefix (the prefix is kept apart from the number)
                where.append(" or i.invoice_number = :numberPart");
                params.put("numberPart", prefixed.group(1));
            }
            String digits = term.replaceAll("[^0-9]", "");
            if (digits.length() >= 3) {
                where.append(" or i.contact_phone like :phone");
                params.put("phone", "%" + digits + "%");
            }
            where.append(")");
        }
        long total = jdbc.sql("select count(*) from invoice i" + where).params(params).query(Long.class).single();
        String direction = filter.ascending() ? "asc" : "desc";
        List<Invoice> page = jdbc.sql(SELECT + where + " order by i.issue_date " + direction + ", i.created_at "
                + direction + ", i.id " + direction + " limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(rows::invoice).list();
        return new Page(page, total);
    }
}
