package dev.remit.tenancy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code remit.tokens.*}: how long an instance trusts a live token it has read without reading it
 * again ({@code cache-ttl}; zero reads the database on every request), and how many it keeps. A token
 * revoked on another instance, or by {@code remit admin token revoke}, stops working here within the TTL;
 * on the instance that revoked it, at once.
 */
@ConfigurationProperties("remit.tokens")
public record TokenProperties(
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue("10000") long cacheSize) {
}
