package dev.remit.tenancy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code remit.tokens.*}: how long an instance trusts a live token it has read without reading it
 * again ({@code cache-ttl}), and how many it keeps. Zero, the default, reads the token on every
 * request, so a revocation from anywhere takes effect at once. With a TTL, a token revoked on another
 * instance, or by {@code remit admin token revoke}, stops working here within it; on the instance that
 * revoked it, at once.
 */
@ConfigurationProperties("remit.tokens")
public record TokenProperties(
        @DefaultValue("0s") Duration cacheTtl,
        @DefaultValue("10000") long cacheSize) {
}
