package dev.remit.send;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.remit.api.AccountNumberRefusal;
import dev.remit.api.AccountNumbers;
import dev.remit.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key}: the same key with the same request within 24 hours answers the first
 * response and does nothing; the same key with another request is a 422. Keys are per location.
 * The key is claimed in the request's own transaction, so a request that fails frees it, and two
 * requests racing with one key cannot both send (the second waits for the first's row).
 */
@Component
class Idempotency {

    static final Duration WINDOW = Duration.ofHours(24);
    static final int MAX_KEY = 255;
    private static final ObjectMapper CANONICAL = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    Idempotency(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A claimed key: answer {@code replay} when present, else do the work and {@link #complete} it. */
    record Claim(String locationId, String key, String hash, Optional<String> replay) {
    }

    static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.unprocessable("Idempotency-Key must be 1 to " + MAX_KEY + " visible ASCII characters");
        }
        if (AccountNumbers.looksLikeAccountNumber(key)) {
            throw ApiException.unprocessable("Idempotency-Key " + AccountNumberRefusal.MESSAGE);
        }
    }

    /** Must run inside the request's transaction. */
    Claim claim(String locationId, String key, String operation, JsonNode body) {
        checkKey(key);
        String hash = hash(operation, body);
        Instant now = clock.instant();
        jdbc.sql("delete from idempotency_key where location_id = ? and idem_key = ? and created_at < ?")
                .params(locationId, key, now.minus(WINDOW).atOffset(ZoneOffset.UTC)).update();
        int inserted = jdbc.sql("insert into idempotency_key (location_id, idem_key, request_hash, created_at) "
                + "values (?, ?, ?, ?) on conflict do nothing")
                .params(locationId, key, hash, now.atOffset(ZoneOffset.UTC)).update();
        if (inserted == 1) {
            return new Claim(locationId, key, hash, Optional.empty());
        }
        Map<String, Object> row = jdbc.sql("select request_hash, response from idempotency_key where location_id = ? and idem_key = ?")
                .params(locationId, key).query().singleRow();
        if (!hash.equals(row.get("request_hash"))) {
            throw ApiException.unprocessable("Idempotency-Key " + key + " was already used with another request");
        }
        Object response = row.get("response");
        if (response == null) {
            throw ApiException.conflict("A request with this Idempotency-Key is still being processed");
        }
        return new Claim(locationId, key, hash, Optional.of(response instanceof java.sql.Clob clob ? read(clob) : response.toString()));
    }

    void complete(Claim claim, String response) {
        jdbc.sql("update idempotency_key set response = ? where location_id = ? and idem_key = ?")
                .params(response, claim.locationId(), claim.key()).update();
    }

    int deleteExpired() {
        return jdbc.sql("delete from idempotency_key where created_at < ?")
                .param(clock.instant().minus(WINDOW).atOffset(ZoneOffset.UTC)).update();
    }

    /** SHA-256 of the operation and the body with its object keys sorted: the same request hashes the same. */
    static String hash(String operation, JsonNode body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(CANONICAL.writeValueAsBytes(canonical(body)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            node.forEach(item -> list.add(canonical(item)));
            return list;
        }
        return node;
    }

    private static String read(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration
    static class Cleanup {

        /** Forgets keys older than 24 hours, once an hour, on one instance. */
        @Bean
        RecurringTask<Void> idempotencyKeyCleanup(Idempotency idempotency) {
            return Tasks.recurring("idempotency-key-cleanup", FixedDelay.ofHours(1))
                    .execute((instance, context) -> idempotency.deleteExpired());
        }
    }
}
