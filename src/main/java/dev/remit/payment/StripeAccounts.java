package dev.remit.payment;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Stores each location's Stripe keys, encrypted by {@link SecretBox}; only this class sees the ciphertext. */
@Repository
public class StripeAccounts {

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final java.time.Clock clock;

    public StripeAccounts(JdbcClient jdbc, SecretBox box, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.box = box;
    }

    /**
     * Sets the given secrets (null leaves a stored one as it is). Refuses, storing nothing, when
     * REMIT_SECRET_KEY is missing.
     */
    @Transactional
    public StripeAccount configure(String locationId, String testKey, String liveKey, String testWebhookSecret,
            String liveWebhookSecret) {
        if (!box.isReady()) {
            throw new SecretBox.SecretKeyMissingException(box.problem());
        }
        StripeAccount current = find(locationId).orElse(new StripeAccount(locationId, null, null, null, null));
        StripeAccount next = new StripeAccount(locationId, or(testKey, current.testSecretKey()),
                or(liveKey, current.liveSecretKey()), or(testWebhookSecret, current.testWebhookSecret()),
                or(liveWebhookSecret, current.liveWebhookSecret()));
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update payment_stripe_account set test_secret_key = ?, live_secret_key = ?, test_webhook_secret = ?,
                    live_webhook_secret = ?, updated_at = ? where location_id = ?""")
                .params(seal(next.testSecretKey(), locationId, "test_secret_key"),
                        seal(next.liveSecretKey(), locationId, "live_secret_key"),
                        seal(next.testWebhookSecret(), locationId, "test_webhook_secret"),
                        seal(next.liveWebhookSecret(), locationId, "live_webhook_secret"), now, locationId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into payment_stripe_account (location_id, test_secret_key, live_secret_key, test_webhook_secret,
                        live_webhook_secret, updated_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(locationId, seal(next.testSecretKey(), locationId, "test_secret_key"),
                            seal(next.liveSecretKey(), locationId, "live_secret_key"),
                            seal(next.testWebhookSecret(), locationId, "test_webhook_secret"),
                            seal(next.liveWebhookSecret(), locationId, "live_webhook_secret"), now)
                    .update();
        }
        return next;
    }

    @Transactional
    public boolean remove(String locationId) {
        return jdbc.sql("delete from payment_stripe_account where location_id = ?").param(locationId).update() > 0;
    }

    /**
     * The secret key that takes a location's payments in one mode (live or test), when it has one
     * remit can read. Keys stored under another REMIT_SECRET_KEY count as none: the hosted page then
     * offers no Pay, and the Pay endpoint says online payment is not available.
     */
    public Optional<String> checkoutKey(String locationId, boolean liveMode) {
        try {
            return find(locationId).map(account -> account.secretKey(liveMode));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public Optional<StripeAccount> find(String locationId) {
        return jdbc.sql("select * from payment_stripe_account where location_id = ?").param(locationId)
                .query((rs, n) -> new StripeAccount(locationId,
                        open(rs.getString("test_secret_key"), locationId, "test_secret_key"),
                        open(rs.getString("live_secret_key"), locationId, "live_secret_key"),
                        open(rs.getString("test_webhook_secret"), locationId, "test_webhook_secret"),
                        open(rs.getString("live_webhook_secret"), locationId, "live_webhook_secret")))
                .optional();
    }

    private String seal(String plain, String locationId, String column) {
        return box.encrypt(plain, "payment_stripe_account:" + locationId + ":" + column);
    }

    private String open(String stored, String locationId, String column) {
        return box.decrypt(stored, "payment_stripe_account:" + locationId + ":" + column);
    }

    private static String or(String given, String current) {
        return given == null || given.isBlank() ? current : given.trim();
    }
}
