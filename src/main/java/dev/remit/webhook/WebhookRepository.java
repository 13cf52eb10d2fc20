package dev.remit.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions and the webhook log. Every statement about a location's data names the location. */
@Repository
public class WebhookRepository {

    private static final String SUBSCRIPTION = "id, location_id, url, events, hmac_secret, enabled, disabled_reason, "
            + "failing_since, created_at, updated_at";
    private static final String DELIVERY = "id, webhook_id, subscription_id, location_id, invoice_id, event_type, seq, "
            + "live_mode, status, attempts, last_status, last_error, created_at, last_attempt_at, next_attempt_at, "
            + "delivered_at, replay_of";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscription s) {
        jdbc.sql("insert into webhook_subscription (" + SUBSCRIPTION + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.locationId(), s.url(), events(s.events()), s.hmacSecret(), s.enabled(),
                        s.disabledReason(), ts(s.failingSince()), ts(s.createdAt()), ts(s.updatedAt()))
                .update();
    }

    void update(Subscription s) {
        jdbc.sql("update webhook_subscription set url = ?, events = ?, hmac_secret = ?, enabled = ?, disabled_reason = ?, "
                + "failing_since = ?, updated_at = ? where location_id = ? and id = ?")
                .params(s.url(), events(s.events()), s.hmacSecret(), s.enabled(), s.disabledReason(),
                        ts(s.failingSince()), ts(s.updatedAt()), s.locationId(), s.id())
                .update();
    }

    boolean delete(String locationId, String id) {
        return jdbc.sql("delete from webhook_subscription where location_id = ? and id = ?").params(locationId, id).update() > 0;
    }

    Optional<Subscription> find(String locationId, String id) {
        return jdbc.sql("select " + SUBSCRIPTION + " from webhook_subscription where location_id = ? and id = ?")
                .params(locationId, id).query(WebhookRepository::subscription).optional();
    }

    List<Subscription> forLocation(String locationId) {
        return jdbc.sql("select " + SUBSCRIPTION + " from webhook_subscription where location_id = ? order by created_at, id")
                .params(locationId).query(WebhookRepository::subscription).list();
    }

    /** A failed attempt: the subscription has been failing since {@code since} (kept when already failing). */
    void failing(String locationId, String id, Instant since) {
        jdbc.sql("update webhook_subscription set failing_since = coalesce(failing_since, ?) where location_id = ? and id = ?")
                .params(ts(since), locationId, id).update();
    }

    void succeeded(String locationId, String id) {
        jdbc.sql("update webhook_subscription set failing_since = null where location_id = ? and id = ? and failing_since is not null")
                .params(locationId, id).update();
    }

    /** Disables it unless already disabled; true when this call did. */
    boolean disable(String locationId, String id, String reason, Instant at) {
        return jdbc.sql("update webhook_subscription set enabled = false, disabled_reason = ?, updated_at = ? "
                + "where location_id = ? and id = ? and enabled").params(reason, ts(at), locationId, id).update() > 0;
    }

    long nextSeq(String subscriptionId, String invoiceId) {
        return jdbc.sql("select coalesce(max(seq), 0) + 1 from webhook_delivery where subscription_id = ? and invoice_id = ?")
                .params(subscriptionId, invoiceId).query(Long.class).single();
    }

    void insert(WebhookDelivery d, String payload) {
        jdbc.sql("insert into webhook_delivery (" + DELIVERY + ", payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.webhookId(), d.subscriptionId(), d.locationId(), d.invoiceId(), d.eventType(), d.seq(),
                        d.liveMode(), d.status().wire(), d.attempts(), d.lastStatus(), d.lastError(), ts(d.createdAt()),
                        ts(d.lastAttemptAt()), ts(d.nextAttemptAt()), ts(d.deliveredAt()), d.replayOf(), payload)
                .update();
    }

    Optional<WebhookDelivery> delivery(String locationId, String id) {
        return jdbc.sql("select " + DELIVERY + " from webhook_delivery where location_id = ? and id = ?")
                .params(locationId, id).query(WebhookRepository::delivery).optional();
    }

    String payload(String locationId, String id) {
        return jdbc.sql("select payload from webhook_delivery where location_id = ? and id = ?")
                .params(locationId, id).query(String.class).single();
    }

    /** A subscription's log, newest first. */
    List<WebhookDelivery> log(String locationId, String subscriptionId, int limit, int offset) {
        return jdbc.sql("select " + DELIVERY + " from webhook_delivery where location_id = ? and subscription_id = ? "
                + "order by created_at desc, seq desc, id desc limit ? offset ?")
                .params(locationId, subscriptionId, limit, offset).query(WebhookRepository::delivery).list();
    }

    long logSize(String locationId, String subscriptionId) {
        return jdbc.sql("select count(*) from webhook_delivery where location_id = ? and subscription_id = ?")
                .params(locationId, subscriptionId).query(Long.class).single();
    }

    /** The earliest webhook of the same invoice to the same subscription that is still queued before this one. */
    Optional<WebhookDelivery> queuedBefore(WebhookDelivery d) {
        return jdbc.sql("select " + DELIVERY + " from webhook_delivery where subscription_id = ? and invoice_id = ? "
                + "and status = ? and (seq < ? or (seq = ? and id < ?)) order by seq, id limit 1")
                .params(d.subscriptionId(), d.invoiceId(), WebhookDelivery.Status.QUEUED.wire(), d.seq(), d.seq(), d.id())
                .query(WebhookRepository::delivery).optional();
    }

    /** The next queued webhook of the same invoice to the same subscription after this one. */
    Optional<WebhookDelivery> queuedAfter(WebhookDelivery d) {
        return jdbc.sql("select " + DELIVERY + " from webhook_delivery where subscription_id = ? and invoice_id = ? "
                + "and status = ? and (seq > ? or (seq = ? and id > ?)) order by seq, id limit 1")
                .params(d.subscriptionId(), d.invoiceId(), WebhookDelivery.Status.QUEUED.wire(), d.seq(), d.seq(), d.id())
                .query(WebhookRepository::delivery).optional();
    }

    List<WebhookDelivery> paused(String locationId, String subscriptionId) {
        return jdbc.sql("select " + DELIVERY + " from webhook_delivery where location_id = ? and subscription_id = ? and status = ? "
                + "order by seq, id").params(locationId, subscriptionId, WebhookDelivery.Status.PAUSED.wire())
                .query(WebhookRepository::delivery).list();
    }

    void attempted(String locationId, String id, WebhookDelivery.Status status, Integer httpStatus, String error,
            Instant at, Instant next) {
        jdbc.sql("update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, "
                + "last_attempt_at = ?, next_attempt_at = ?, delivered_at = ? where location_id = ? and id = ?")
                .params(status.wire(), httpStatus, error == null ? null : clip(error), ts(at), ts(next),
                        status == WebhookDelivery.Status.DELIVERED ? ts(at) : null, locationId, id)
                .update();
    }

    void setStatus(String locationId, String id, WebhookDelivery.Status status, String error, Instant next) {
        jdbc.sql("update webhook_delivery set status = ?, last_error = coalesce(?, last_error), next_attempt_at = ? "
                + "where location_id = ? and id = ?")
                .params(status.wire(), error == null ? null : clip(error), ts(next), locationId, id).update();
    }

    private static String clip(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    static String events(List<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::type).collect(Collectors.joining(","));
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        List<WebhookEvent> events = Arrays.stream(rs.getString("events").split(",")).filter(t -> !t.isBlank())
                .map(t -> WebhookEvent.ofType(t).orElseThrow()).toList();
        return new Subscription(rs.getString("id"), rs.getString("location_id"), rs.getString("url"), events,
                rs.getString("hmac_secret"), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
                instant(rs, "failing_since"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : code;
        return new WebhookDelivery(rs.getString("id"), rs.getString("webhook_id"), rs.getString("subscription_id"),
                rs.getString("location_id"), rs.getString("invoice_id"), rs.getString("event_type"), rs.getLong("seq"),
                rs.getBoolean("live_mode"), WebhookDelivery.Status.fromWire(rs.getString("status")), rs.getInt("attempts"),
                lastStatus, rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"),
                rs.getString("replay_of"));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
