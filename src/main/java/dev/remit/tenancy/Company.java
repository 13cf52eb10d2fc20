package dev.remit.tenancy;

import java.time.Instant;

public record Company(String id, String name, Instant createdAt) {
}
