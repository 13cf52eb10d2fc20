package dev.remit.instance;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where this remit keeps its files and where it is reached, under {@code remit.*}; every setting is
 * listed with its default in the README. Each module's own settings are in its own record.
 *
 * @param dataDir folder for the embedded database, bootstrap.json and the file outbox
 * @param publicBaseUrl where customers reach this server; links in emails and SMS start with it
 */
@ConfigurationProperties("remit")
public record InstanceProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String publicBaseUrl) {
}
