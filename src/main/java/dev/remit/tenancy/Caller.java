package dev.remit.tenancy;

import java.util.Set;

/** Who is calling: the token that authenticated the request and what it may do. */
public record Caller(String tokenId, TokenKind kind, String companyId, String locationId, Set<String> scopes) {

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
