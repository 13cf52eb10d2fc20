package dev.remit.delivery;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/** The {@link EmailWriter}s by name; looked up on first use, since writers depend on other capabilities. */
@Component
class EmailWriters {

    private final ObjectProvider<EmailWriter> provider;
    private volatile Map<String, EmailWriter> byName;

    EmailWriters(ObjectProvider<EmailWriter> provider) {
        this.provider = provider;
    }

    /**
     * The pending email with its content, checked as a queued email is.
     *
     * @throws IllegalArgumentException when it cannot be written: no such writer, or the writer says so
     */
    EmailMessage write(EmailMessage pending) {
        EmailWriter writer = writers().get(pending.writer());
        if (writer == null) {
            throw new IllegalArgumentException("no email writer named " + pending.writer());
        }
        return MessageChecks.checked(pending.written(writer.write(pending)));
    }

    /**
     * What a writer's failure comes to. Only the database failing (down, timed out, a lock) may pass:
     * the email is tried again. Anything else is in what the writer was given, and writing it again
     * would fail the same way: the email fails at once, with a reason a person can read.
     */
    static Outcome failure(RuntimeException error) {
        if (error instanceof IllegalArgumentException) {
            return new Outcome.Permanent("email could not be written: " + ErrorText.of(error));
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return new Outcome.Transient("email could not be written yet: the database did not answer");
            }
        }
        return new Outcome.Permanent("email could not be written: its content could not be rendered (the server log has the details)");
    }

    private Map<String, EmailWriter> writers() {
        Map<String, EmailWriter> writers = byName;
        if (writers == null) {
            writers = provider.orderedStream().collect(Collectors.toUnmodifiableMap(EmailWriter::name, Function.identity()));
            byName = writers;
        }
        return writers;
    }
}
