package dev.remit.support;

/** A company with one location, a user of it and a token with every invoice scope. */
public record Tenant(String companyId, String locationId, String userId, String token) {
}
