package dev.remit.invoice;

import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/**
 * A location's invoice settings, one JSON document per location, kept with Spring Data JDBC
 * ({@link StoredSettings}) and optimistic locking: a save that lost a race with another raises
 * {@link org.springframework.dao.OptimisticLockingFailureException}, and the caller does it again.
 * Reads go through {@link JdbcClient}: they are on every request that needs the settings, and Spring
 * Data's repository proxy cost ten times the query itself there (docs/benchmarks.md, "Profiles on an idle machine").
 */
@Repository
public class InvoiceSettingsRepository {

    private final StoredSettingsRows rows;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    InvoiceSettingsRepository(StoredSettingsRows rows, JdbcClient jdbc, ObjectMapper json) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<InvoiceSettings> find(String locationId) {
        return jdbc.sql("select document from invoice_settings where location_id = ?").param(locationId)
                .query(String.class).optional().map(document -> json.readValue(document, InvoiceSettings.class));
    }

    public void save(String locationId, InvoiceSettings settings, Instant now) {
        Long version = jdbc.sql("select version from invoice_settings where location_id = ?").param(locationId)
                .query(Long.class).optional().orElse(null);
        try {
            rows.save(new StoredSettings(locationId, json.writeValueAsString(settings), now, version));
        } catch (DuplicateKeyException first) {
            throw storedMeanwhile(locationId, first);
        } catch (DbActionExecutionException failed) {
            if (failed.getCause() instanceof OptimisticLockingFailureException lost) {
                throw lost;
            }
            if (failed.getCause() instanceof DuplicateKeyException first) {
                throw storedMeanwhile(locationId, first);
            }
            throw failed;
        }
    }

    /** Another request stored the location's first settings in between: a race like any other. */
    private static OptimisticLockingFailureException storedMeanwhile(String locationId, DuplicateKeyException first) {
        return new OptimisticLockingFailureException("invoice settings of " + locationId + " stored meanwhile", first);
    }
}
