package dev.remit.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The delivery log and the messages themselves. Every statement names the location. */
@Repository
class DeliveryRepository {

    /** Its own mapper: the stored format must not change with the API's JSON settings. */
    static final ObjectMapper PAYLOAD = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String LOG_COLUMNS = "id, location_id, invoice_id, channel, message_id, recipients, sandboxed, status, "
            + "attempts, last_error, provider_id, queued_at, last_attempt_at, next_attempt_at, sent_at";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recipients as the log shows them. */
    record Recipients(List<String> to, List<String> cc, List<String> bcc) {
    }

    void insert(String id, OutboundMessage message, String messageId, Instant queuedAt) {
        Recipients recipients = message instanceof EmailMessage email
                ? new Recipients(email.to(), email.cc(), email.bcc())
                : new Recipients(List.of(((SmsMessage) message).to()), List.of(), List.of());
        jdbc.sql("insert into delivery (id, location_id, invoice_id, channel, message_id, recipients, sandboxed, status, "
                + "attempts, queued_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(id, message.locationId(), message.invoiceId(), message.channel().wire(), messageId,
                        PAYLOAD.writeValueAsString(recipients), message.sandbox(), DeliveryStatus.QUEUED.wire(),
                        timestamp(queuedAt), PAYLOAD.writeValueAsString(message))
                .update();
    }

    Optional<Delivery> find(String locationId, String id) {
        return jdbc.sql("select " + LOG_COLUMNS + " from delivery where location_id = ? and id = ?")
                .params(locationId, id).query(DeliveryRepository::delivery).optional();
    }

    List<Delivery> forInvoice(String locationId, String invoiceId) {
        return jdbc.sql("select " + LOG_COLUMNS + " from delivery where location_id = ? and invoice_id = ? order by queued_at, id")
                .params(locationId, invoiceId).query(DeliveryRepository::delivery).list();
    }

    /** An invoice's emails as they were queued, newest first. */
    List<EmailMessage> queuedEmails(String locationId, String invoiceId) {
        return jdbc.sql("select payload from delivery where location_id = ? and invoice_id = ? and channel = ? "
                + "order by queued_at desc, id desc")
                .params(locationId, invoiceId, Channel.EMAIL.wire())
                .query((rs, n) -> PAYLOAD.readValue(rs.getString("payload"), EmailMessage.class)).list();
    }

    boolean anyForInvoice(String locationId, String invoiceId) {
        return jdbc.sql("select count(*) from delivery where location_id = ? and invoice_id = ?")
                .params(locationId, invoiceId).query(Long.class).single() > 0;
    }

    /** The message to deliver: as written, once a pending email has been, otherwise as queued. */
    OutboundMessage message(String locationId, String id) {
        return jdbc.sql("select channel, coalesce(content, payload) as payload from delivery where location_id = ? and id = ?")
                .params(locationId, id)
                .query((rs, n) -> {
                    Class<? extends OutboundMessage> type = Channel.fromWire(rs.getString("channel")) == Channel.EMAIL
                            ? EmailMessage.class : SmsMessage.class;
                    return PAYLOAD.readValue(rs.getString("payload"), type);
                }).single();
    }

    /** Keeps what was written for a pending email; the first writing kept wins. */
    void storeWritten(String locationId, String id, EmailMessage written) {
        jdbc.sql("update delivery set content = ? where location_id = ? and id = ? and content is null")
                .params(PAYLOAD.writeValueAsString(written), locationId, id).update();
    }

    /** Counts a try before it is made, so that a try cut short by a crash still counts. */
    void startAttempt(String locationId, String id, Instant at) {
        jdbc.sql("update delivery set attempts = attempts + 1, last_attempt_at = ? where location_id = ? and id = ? and status = ?")
                .params(timestamp(at), locationId, id, DeliveryStatus.QUEUED.wire()).update();
    }

    /** Records the end of a message: sent, sandboxed or failed. Only a queued message changes. */
    boolean finish(String locationId, String id, DeliveryStatus status, String providerId, String lastError, Instant at) {
        return jdbc.sql("update delivery set status = ?, provider_id = ?, last_error = ?, next_attempt_at = null, sent_at = ? "
                + "where location_id = ? and id = ? and status = ?")
                .params(status.wire(), providerId, lastError, status == DeliveryStatus.FAILED ? null : timestamp(at),
                        locationId, id, DeliveryStatus.QUEUED.wire())
                .update() == 1;
    }

    void retryLater(String locationId, String id, String lastError, Instant next) {
        jdbc.sql("update delivery set last_error = ?, next_attempt_at = ? where location_id = ? and id = ? and status = ?")
                .params(lastError, timestamp(next), locationId, id, DeliveryStatus.QUEUED.wire()).update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Recipients recipients = PAYLOAD.readValue(rs.getString("recipients"), Recipients.class);
        return new Delivery(rs.getString("id"), rs.getString("location_id"), rs.getString("invoice_id"),
                Channel.fromWire(rs.getString("channel")), rs.getString("message_id"),
                orEmpty(recipients.to()), orEmpty(recipients.cc()), orEmpty(recipients.bcc()),
                DeliveryStatus.fromWire(rs.getString("status")), rs.getBoolean("sandboxed"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getString("provider_id"), instant(rs, "queued_at"),
                instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"));
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
