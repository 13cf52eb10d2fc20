package dev.remit.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** HighLevel's limits per location, under {@code remit.rate-limit.*}: a burst window and a day. */
@ConfigurationProperties("remit.rate-limit")
record RateLimitProperties(
        @DefaultValue("100") int burstMax,
        @DefaultValue("10s") Duration burstInterval,
        @DefaultValue("200000") int dailyMax) {
}
