package dev.remit.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SMTP connections are kept open across messages ({@code remit.mail.smtp-pool.*}).
 *
 * @param maxIdle connections kept open between messages, at most; more may be open at once while
 *        more messages are being sent (one per delivery worker), and those are closed after their message
 * @param maxMessagesPerConnection a connection is closed (QUIT) after this many messages; 1 sends
 *        every message on a connection of its own
 * @param idleTimeout a connection unused for longer is closed instead of reused: servers drop idle
 *        clients (often after 60 s to 5 min)
 */
@ConfigurationProperties("remit.mail.smtp-pool")
record SmtpPoolSettings(
        @DefaultValue("8") int maxIdle,
        @DefaultValue("100") int maxMessagesPerConnection,
        @DefaultValue("30s") Duration idleTimeout) {

    SmtpPoolSettings {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("remit.mail.smtp-pool.max-idle must not be negative");
        }
        if (maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("remit.mail.smtp-pool.max-messages-per-connection must be at least 1");
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("remit.mail.smtp-pool.idle-timeout must not be negative");
        }
    }

    static SmtpPoolSettings defaults() {
        return new SmtpPoolSettings(8, 100, Duration.ofSeconds(30));
    }
}
