package dev.remit.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.remit.jobs.RetryPolicy;

/**
 * Webhooks out ({@code remit.webhooks.*}); docs/webhooks.md explains each.
 *
 * @param allowPrivateAddresses  deliver to loopback, link-local and private addresses (local development only)
 * @param connectTimeout         how long connecting to a receiver may take
 * @param timeout                how long one attempt may take in all, answer included
 * @param maxResponseBody        how much of a receiver's answer is read (the rest is dropped)
 * @param retryHorizon           how long after an event its webhook is still retried
 * @param initialBackoff         the wait after the first failed attempt
 * @param maxBackoff             the longest wait between attempts
 * @param backoffMultiplier      how much each wait grows
 * @param jitter                 each wait is shortened by a random part of up to this fraction
 * @param disableAfter           a subscription whose attempts have all failed for this long is disabled
 * @param maxInFlightPerSubscription attempts to one subscription running at once on one server
 * @param keyFile                the signing key (PKCS#8 PEM); unset: generated into the data folder
 * @param publishedKeyFiles      public keys (PEM) published beside the signing key's, for a rotation's overlap
 * @param keySize                bits of a generated key
 */
@ConfigurationProperties("remit.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("64KB") DataSize maxResponseBody,
        @DefaultValue("3d") Duration retryHorizon,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("24h") Duration disableAfter,
        @DefaultValue("4") int maxInFlightPerSubscription,
        Path keyFile,
        @DefaultValue("") List<Path> publishedKeyFiles,
        @DefaultValue("4096") int keySize) {

    public WebhookProperties {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("remit.webhooks.connect-timeout and timeout must be positive");
        }
        if (maxInFlightPerSubscription < 1) {
            throw new IllegalArgumentException("remit.webhooks.max-in-flight-per-subscription must be at least 1");
        }
        if (keySize < 2048) {
            throw new IllegalArgumentException("remit.webhooks.key-size must be at least 2048");
        }
        publishedKeyFiles = publishedKeyFiles == null ? List.of() : List.copyOf(publishedKeyFiles);
        new RetryPolicy(initialBackoff, backoffMultiplier, maxBackoff, jitter, retryHorizon);
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(initialBackoff, backoffMultiplier, maxBackoff, jitter, retryHorizon);
    }
}
