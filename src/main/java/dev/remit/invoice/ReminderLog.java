package dev.remit.invoice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reminders sent for invoices, one row each. (invoice, reminder, number) is the key, so a reminder
 * sent twice by two runs fails the second's transaction, and with it the second's messages.
 */
@Repository
public class ReminderLog {

    private final JdbcClient jdbc;

    public ReminderLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a reminder, in the transaction that queues its messages. */
    public void insert(ReminderSent sent) {
        jdbc.sql("""
                insert into invoice_reminder (location_id, invoice_id, reminder_id, reminder_number, reminder_name,
                    due_at, sent_at, channels) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sent.locationId(), sent.invoiceId(), sent.reminderId(), sent.number(), sent.reminderName(),
                        InvoiceRepository.ts(sent.dueAt()), InvoiceRepository.ts(sent.sentAt()), sent.channels())
                .update();
    }

    /** The invoice's reminders sent, oldest first. */
    public List<ReminderSent> list(String locationId, String invoiceId) {
        return jdbc.sql("""
                select * from invoice_reminder where location_id = ? and invoice_id = ?
                order by sent_at, reminder_id, reminder_number""")
                .params(locationId, invoiceId).query(this::row).list();
    }

    /** The last reminder sent of one of the invoice's reminders. */
    public Optional<ReminderSent> last(String locationId, String invoiceId, String reminderId) {
        return jdbc.sql("""
                select * from invoice_reminder where location_id = ? and invoice_id = ? and reminder_id = ?
                order by reminder_number desc""")
                .params(locationId, invoiceId, reminderId).query(this::row).stream().findFirst();
    }

    private ReminderSent row(ResultSet rs, int row) throws SQLException {
        return new ReminderSent(rs.getString("location_id"), rs.getString("invoice_id"), rs.getString("reminder_id"),
                rs.getInt("reminder_number"), rs.getString("reminder_name"), InvoiceRepository.instant(rs, "due_at"),
                InvoiceRepository.instant(rs, "sent_at"), rs.getString("channels"));
    }
}
