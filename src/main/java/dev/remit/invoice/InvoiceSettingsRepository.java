package dev.remit.invoice;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/** A location's invoice settings, one JSON document per location. */
@Repository
public class InvoiceSettingsRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public InvoiceSettingsRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<InvoiceSettings> find(String locationId) {
        return jdbc.sql("select document from invoice_settings where location_id = ?").param(locationId)
                .query(String.class).optional().map(text -> json.readValue(text, InvoiceSettings.class));
    }

    public void save(String locationId, InvoiceSettings settings, Instant now) {
        String text = json.writeValueAsString(settings);
        int rows = jdbc.sql("update invoice_settings set document = ?, updated_at = ? where location_id = ?")
                .params(text, InvoiceRepository.ts(now), locationId).update();
        if (rows == 0) {
            jdbc.sql("insert into invoice_settings (location_id, document, updated_at) values (?, ?, ?)")
                    .params(locationId, text, InvoiceRepository.ts(now)).update();
        }
    }
}
