package dev.remit.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HighLevel's limits per resource (a location, or for an agency token without one, its company):
 * a burst window and a UTC day. Counters live in the database, so every instance sharing it sees
 * the same counts; each increment holds the row's lock until it has read its own count.
 */
@Component
class RateLimiter {

    private static final String BURST = "burst";
    private static final String DAY = "day";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RateLimitProperties limits;
    private final Clock clock;

    public RateLimiter(JdbcClient jdbc, TransactionTemplate transaction, RateLimitProperties limits, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.limits = limits;
        this.clock = clock;
    }

    public record Decision(boolean allowed, int burstMax, int burstRemaining, long intervalMillis, int dailyMax,
            int dailyRemaining, long retryAfterSeconds) {
    }

    /** What the limits look like before anything is counted (for answers that precede authentication). */
    public Decision untouched() {
        return new Decision(true, limits.burstMax(), limits.burstMax(), limits.burstInterval().toMillis(),
                limits.dailyMax(), limits.dailyMax(), 0);
    }

    public Decision hit(String resourceId) {
        long now = clock.millis();
        long interval = limits.burstInterval().toMillis();
        long burstStart = now - Math.floorMod(now, interval);
        long day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        int[] counts = transaction.execute(status -> new int[] {
                increment(resourceId, BURST, burstStart), increment(resourceId, DAY, day)});
        int burst = counts[0];
        int daily = counts[1];
        boolean allowed = burst <= limits.burstMax() && daily <= limits.dailyMax();
        long retryAfter = 0;
        if (!allowed) {
            long untilNextWindow = burst > limits.burstMax() ? burstStart + interval - now
                    : (day + 1) * 86_400_000L - now;
            retryAfter = Math.max(1, (untilNextWindow + 999) / 1000);
        }
        return new Decision(allowed, limits.burstMax(), Math.max(0, limits.burstMax() - burst), interval,
                limits.dailyMax(), Math.max(0, limits.dailyMax() - daily), retryAfter);
    }

    private int increment(String resourceId, String kind, long windowStart) {
        String update = "update rate_limit_window set hits = hits + 1 "
                + "where resource_id = ? and window_kind = ? and window_start = ?";
        if (jdbc.sql(update).params(resourceId, kind, windowStart).update() == 0) {
            int inserted = jdbc.sql("insert into rate_limit_window (resource_id, window_kind, window_start, hits) "
                    + "values (?, ?, ?, 1) on conflict do nothing").params(resourceId, kind, windowStart).update();
            if (inserted == 1) {
                return 1;
            }
            jdbc.sql(update).params(resourceId, kind, windowStart).update(); // another instance inserted first
        }
        return jdbc.sql("select hits from rate_limit_window where resource_id = ? and window_kind = ? and window_start = ?")
                .params(resourceId, kind, windowStart).query(Integer.class).single();
    }

    /** Old windows are of no use; a day's counter is kept one day past its end. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void forgetOldWindows() {
        long now = clock.millis();
        jdbc.sql("delete from rate_limit_window where window_kind = ? and window_start < ?")
                .params(BURST, now - 2 * limits.burstInterval().toMillis()).update();
        jdbc.sql("delete from rate_limit_window where window_kind = ? and window_start < ?")
                .params(DAY, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay() - 1).update();
    }
}
