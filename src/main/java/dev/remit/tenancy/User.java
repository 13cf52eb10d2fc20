package dev.remit.tenancy;

import java.time.Instant;
import java.util.List;

public record User(String id, String companyId, String name, String email, List<String> locationIds, Instant createdAt) {
}
