package dev.remit.invoice;

import org.springframework.data.repository.CrudRepository;

/** Spring Data JDBC's repository of {@link StoredSettings}, by location id. */
interface StoredSettingsRows extends CrudRepository<StoredSettings, String> {
}
