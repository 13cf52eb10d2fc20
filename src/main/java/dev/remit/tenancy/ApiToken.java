package dev.remit.tenancy;

import java.time.Instant;
import java.util.List;

/** A token as stored: never the secret, only what it is for. */
public record ApiToken(String id, TokenKind kind, String companyId, String locationId, String label,
        List<String> scopes, Instant createdAt, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
