package dev.remit.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HighLevel's limits per resource (a location, or for an agency token without one, its company):
 * a burst window and a UTC day, shared by every instance on the database.
 *
 * <p>Each instance counts a window's requests in memory and adds them to the shared row in batches:
 * when its unsynced count reaches the batch, when its last sync is {@code sync-interval} old (by the
 * injected clock; a background pass also flushes windows nobody asks about), and on the first request
 * of a window. The batch shrinks to a tenth of what the instance last saw left of the budget, so near
 * the limit every request syncs and the answers are as exact as one row under lock makes them; once
 * the shared count is past the limit the window is spent for good and refusals are counted in full
 * batches again. An instance therefore admits at most {@code batch - 1} requests the others do not
 * know of, and N instances at most {@code (N - 1) * (batch - 1)} past a window's limit
 * (docs/api-contract.md).
 */
@Component
class RateLimiter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final String BURST = "burst";
    private static final String DAY = "day";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RateLimitProperties limits;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong syncs = new AtomicLong();

    public RateLimiter(JdbcClient jdbc, TransactionTemplate transaction, RateLimitProperties limits, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.limits = limits;
        this.clock = clock;
    }

    public record Decision(boolean allowed, int burstMax, int burstRemaining, long intervalMillis, int dailyMax,
            int dailyRemaining, long retryAfterSeconds) {
    }

    private record Key(String resourceId, String kind, long start) {
    }

    /** One window of one resource as this instance knows it; guarded by its own monitor. */
    private static final class Window {
        final Key key;
        final int max;
        final int batchCap;
        long shared; // the shared row as of the last sync, this instance's synced requests included
        int pending; // requests counted here since
        long syncedAt;
        boolean synced;
        boolean retired;

        Window(Key key, int max, int batchCap) {
            this.key = key;
            this.max = max;
            this.batchCap = batchCap;
        }

        int batch() {
            if (shared >= max) {
                return batchCap; // spent: nothing this window can be admitted any more
            }
            return (int) Math.max(1, Math.min(batchCap, (max - shared) / 10));
        }
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
        long burst = count(new Key(resourceId, BURST, burstStart), limits.burstMax(), limits.burstSyncBatch(), now);
        long daily = count(new Key(resourceId, DAY, day), limits.dailyMax(), limits.dailySyncBatch(), now);
        boolean allowed = burst <= limits.burstMax() && daily <= limits.dailyMax();
        long retryAfter = 0;
        if (!allowed) {
            long untilNextWindow = burst > limits.burstMax() ? burstStart + interval - now
                    : (day + 1) * 86_400_000L - now;
            retryAfter = Math.max(1, (untilNextWindow + 999) / 1000);
        }
        return new Decision(allowed, limits.burstMax(), (int) Math.max(0, limits.burstMax() - burst), interval,
                limits.dailyMax(), (int) Math.max(0, limits.dailyMax() - daily), retryAfter);
    }

    /** This request's position in the window: exact right after a sync, else this instance's estimate. */
    private long count(Key key, int max, int batchCap, long now) {
        while (true) {
            Window window = windows.computeIfAbsent(key, k -> new Window(k, max, batchCap));
            synchronized (window) {
                if (window.retired) {
                    continue;
                }
                window.pending++;
                if (!window.synced || window.pending >= window.batch()
                        || now - window.syncedAt >= limits.syncInterval().toMillis()) {
                    sync(window, now);
                    return window.shared;
                }
                return window.shared + window.pending;
            }
        }
    }

    private void sync(Window window, long now) {
        int add = window.pending;
        Key key = window.key;
        Long total = transaction.execute(status -> add(key, add));
        syncs.incrementAndGet();
        window.shared = total;
        window.pending = 0;
        window.syncedAt = now;
        window.synced = true;
    }

    /** Adds to the shared row and reads it back while holding its lock: the total as of this addition. */
    private long add(Key key, int hits) {
        String update = "update rate_limit_window set hits = hits + ? "
                + "where resource_id = ? and window_kind = ? and window_start = ?";
        if (jdbc.sql(update).params(hits, key.resourceId(), key.kind(), key.start()).update() == 0) {
            int inserted = jdbc.sql("insert into rate_limit_window (resource_id, window_kind, window_start, hits) "
                    + "values (?, ?, ?, ?) on conflict do nothing")
                    .params(key.resourceId(), key.kind(), key.start(), hits).update();
            if (inserted == 1) {
                return hits;
            }
            jdbc.sql(update).params(hits, key.resourceId(), key.kind(), key.start()).update(); // another instance inserted first
        }
        return jdbc.sql("select hits from rate_limit_window where resource_id = ? and window_kind = ? and window_start = ?")
                .params(key.resourceId(), key.kind(), key.start()).query(Long.class).single();
    }

    /**
     * Hands counts nobody has asked about for {@code sync-interval} to the shared rows, so that other
     * instances see them, and lets go of windows that have ended.
     */
    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT1S")
    public void flushIdle() {
        long now = clock.millis();
        long interval = limits.burstInterval().toMillis();
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        for (Window window : windows.values()) {
            synchronized (window) {
                boolean ended = window.key.kind().equals(BURST) ? window.key.start() + interval <= now
                        : window.key.start() < today;
                if (window.pending > 0 && (ended || now - window.syncedAt >= limits.syncInterval().toMillis())) {
                    sync(window, now);
                }
                if (ended) {
                    window.retired = true;
                    windows.remove(window.key, window);
                }
            }
        }
    }

    /** At shutdown, what this instance counted and has not synced goes to the shared rows. */
    @Override
    public void destroy() {
        long now = clock.millis();
        for (Window window : windows.values()) {
            synchronized (window) {
                try {
                    if (window.pending > 0) {
                        sync(window, now);
                    }
                } catch (RuntimeException e) {
                    log.warn("rate limit counts of {} not saved at shutdown: {}", window.key.resourceId(), e.toString());
                    return;
                }
            }
        }
    }

    /** How many times this instance has written to the shared counters. */
    long syncs() {
        return syncs.get();
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
