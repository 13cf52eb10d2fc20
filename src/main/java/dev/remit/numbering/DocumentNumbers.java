package dev.remit.numbering;

import java.math.BigInteger;
import java.util.function.Predicate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Numbers for a location's documents, one sequence per kind of document ({@link #INVOICE}; estimates
 * will have theirs): "1", "2", ... as HighLevel numbers them. A number is taken in the caller's
 * transaction, which holds the sequence's row until it ends, so numbers neither repeat nor leave gaps
 * when the document's insert fails. A number the caller asks for is used when no document of the
 * sequence has it, and moves the sequence past it, so later numbers never collide with it.
 *
 * <p>Whether a number is in use is the document's business ({@code taken}): the sequence only counts.
 */
@Component
public class DocumentNumbers {

    public static final String INVOICE = "invoice";

    private final JdbcClient jdbc;

    public DocumentNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes sure the location has the sequence's row. Safe inside a transaction (a schedule's occurrence
     * creates its invoice in its own): when two first documents race, the second insert waits for the
     * first and does nothing, where a failed insert would abort the caller's PostgreSQL transaction.
     */
    public void prepare(String locationId, String sequence) {
        if (jdbc.sql("select count(*) from number_sequence where location_id = ? and kind = ?")
                .params(locationId, sequence).query(Integer.class).single() > 0) {
            return;
        }
        jdbc.sql("insert into number_sequence (location_id, kind, last_number) values (?, ?, 0) on conflict do nothing")
                .params(locationId, sequence).update();
    }

    /**
     * The number for a new document, in the caller's transaction: {@code requested} when given and not
     * {@code taken} ({@link NumberTakenException} when it is), otherwise the sequence's next number not
     * taken. {@link #prepare} must have run for the location.
     */
    public String assign(String locationId, String sequence, String requested, Predicate<String> taken) {
        if (requested != null) {
            if (taken.test(requested)) {
                throw new NumberTakenException(requested);
            }
            raiseTo(locationId, sequence, requested);
            return requested;
        }
        String number;
        do {
            number = Long.toString(takeNext(locationId, sequence));
        } while (taken.test(number));
        return number;
    }

    /** The number the next document without one will get (not reserved). */
    public long peek(String locationId, String sequence, Predicate<String> taken) {
        long next = last(locationId, sequence) + 1;
        while (taken.test(Long.toString(next))) {
            next++;
        }
        return next;
    }

    private long takeNext(String locationId, String sequence) {
        jdbc.sql("update number_sequence set last_number = last_number + 1 where location_id = ? and kind = ?")
                .params(locationId, sequence).update();
        return last(locationId, sequence);
    }

    private long last(String locationId, String sequence) {
        return jdbc.sql("select last_number from number_sequence where location_id = ? and kind = ?")
                .params(locationId, sequence).query(Long.class).optional().orElse(0L);
    }

    private void raiseTo(String locationId, String sequence, String number) {
        if (!number.matches("[0-9]{1,18}")) {
            return;
        }
        long value = new BigInteger(number).longValueExact();
        jdbc.sql("""
                update number_sequence set last_number = ?
                where location_id = ? and kind = ? and last_number < ?""")
                .params(value, locationId, sequence, value).update();
    }
}
