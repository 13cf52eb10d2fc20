package dev.remit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;

/** A company with one location, a user of it and a token with every invoice scope. */
public record Tenant(String companyId, String locationId, String userId, String token) {

    /** The demo tenant a first start wrote to {@code <dataDir>/bootstrap.json}. */
    public static Tenant bootstrapped(Path dataDir) {
        try {
            JsonNode written = ApiClient.tree(Files.readString(dataDir.resolve("bootstrap.json")));
            return new Tenant(written.path("companyId").asString(), written.path("locationId").asString(),
                    written.path("userId").asString(), written.path("token").asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
