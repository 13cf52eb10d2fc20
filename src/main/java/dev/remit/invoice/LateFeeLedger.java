package dev.remit.invoice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/**
 * The late fees applied to invoices, one row each; their sum is part of the invoice's total
 * ({@link InvoiceRepository} reads it with the invoice). A fee's (invoice, number) is its key, so a
 * fee applied twice by two runs fails the second's transaction instead of counting twice.
 */
@Repository
public class LateFeeLedger {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public LateFeeLedger(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a fee, in the transaction that adds it to the invoice ({@link InvoiceService#chargeLateFees}). */
    public void insert(LateFee fee) {
        jdbc.sql("""
                insert into invoice_late_fee (location_id, invoice_id, fee_number, amount, currency, due_at, applied_at, rule_json)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fee.locationId(), fee.invoiceId(), fee.number(), fee.amount(), fee.currency(),
                        InvoiceRepository.ts(fee.dueAt()), InvoiceRepository.ts(fee.appliedAt()),
                        json.writeValueAsString(fee.rule()))
                .update();
    }

    /** The invoice's fees in the order they were applied. */
    public List<LateFee> list(String locationId, String invoiceId) {
        return jdbc.sql("select * from invoice_late_fee where location_id = ? and invoice_id = ? order by fee_number")
                .params(locationId, invoiceId).query(this::fee).list();
    }

    private LateFee fee(ResultSet rs, int row) throws SQLException {
        return new LateFee(rs.getString("location_id"), rs.getString("invoice_id"), rs.getInt("fee_number"),
                rs.getBigDecimal("amount"), rs.getString("currency"), InvoiceRepository.instant(rs, "due_at"),
                InvoiceRepository.instant(rs, "applied_at"), json.readTree(rs.getString("rule_json")));
    }
}
