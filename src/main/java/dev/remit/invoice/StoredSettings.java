package dev.remit.invoice;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A location's invoice settings as stored: one row per location, the settings as a JSON document.
 * {@code version} null means not stored yet (insert); otherwise an update that must find that version.
 * Column names are given in lower case: Spring Data JDBC quotes them, and H2's dialect would upper-case them.
 */
@Table("invoice_settings")
record StoredSettings(
        @Id @Column("location_id") String locationId,
        @Column("document") String document,
        @Column("updated_at") Instant updatedAt,
        @Version @Column("version") Long version) {
}
