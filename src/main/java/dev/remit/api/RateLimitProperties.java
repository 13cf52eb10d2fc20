package dev.remit.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HighLevel's limits per location, under {@code remit.rate-limit.*}: a burst window and a day. Each
 * instance counts in memory and adds its count to the shared counters at most every
 * {@code burst-sync-batch} (burst window) or {@code daily-sync-batch} (day) requests of a location, and
 * at least every {@code sync-interval}; docs/api-contract.md gives the bound this puts on a burst
 * spread over several instances.
 */
@ConfigurationProperties("remit.rate-limit")
record RateLimitProperties(
        @DefaultValue("100") int burstMax,
        @DefaultValue("10s") Duration burstInterval,
        @DefaultValue("200000") int dailyMax,
        @DefaultValue("10") int burstSyncBatch,
        @DefaultValue("100") int dailySyncBatch,
        @DefaultValue("250ms") Duration syncInterval) {

    RateLimitProperties {
        if (burstSyncBatch < 1 || dailySyncBatch < 1) {
            throw new IllegalArgumentException("remit.rate-limit.*-sync-batch must be at least 1");
        }
    }
}
