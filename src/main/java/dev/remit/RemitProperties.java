package dev.remit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * remit's own settings under {@code remit.*}; every one is listed with its default in the README.
 *
 * @param dataDir folder for the embedded database, bootstrap.json and the file outbox
 * @param publicBaseUrl where customers reach this server; links in emails and SMS start with it
 */
@ConfigurationProperties("remit")
public record RemitProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue RateLimit rateLimit) {

    /** @param enabled create a demo company, location, user and token on an empty database */
    public record Bootstrap(@DefaultValue("true") boolean enabled) {
    }

    /** HighLevel's limits per location: a burst window and a day. */
    public record RateLimit(
            @DefaultValue("100") int burstMax,
            @DefaultValue("10s") Duration burstInterval,
            @DefaultValue("200000") int dailyMax) {
    }
}
