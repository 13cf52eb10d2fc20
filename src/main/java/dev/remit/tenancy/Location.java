package dev.remit.tenancy;

import java.time.Instant;

/** A sub-account: the business that issues invoices. {@code country} is the default region for phone numbers. */
public record Location(String id, String companyId, String name, String country, String timeZone, Instant createdAt) {
}
