package dev.remit.page;

import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * Rendered output kept by what it renders. The key is the {@link InvoiceView} itself (a value: two
 * views are equal when every figure and word the customer sees is), the paper size and the kind of
 * output, so an invoice version is rendered once however often it is sent, downloaded or reminded
 * of, and any change a customer could see (an edit, a payment, a new status, overdue today) is
 * another key. Bounded by size; nothing in it is ever stale, so nothing needs invalidating.
 */
final class RenderCache {

    /** What a key and its entry's bookkeeping cost besides the output, estimated. */
    static final int KEY_BYTES = 4096;

    enum Kind {
        PDF, EMAIL
    }

    /** {@code view} is an {@link InvoiceView} or an {@link EstimateView}: a value either way. */
    record Key(Kind kind, Record view, InvoiceRenderer.PaperSize paper) {
    }

    private final Cache<Key, Object> cache;

    RenderCache(long maxBytes) {
        this.cache = maxBytes <= 0 ? null
                : Caffeine.newBuilder().maximumWeight(maxBytes).weigher(RenderCache::weight).recordStats().build();
    }

    @SuppressWarnings("unchecked")
    <T> T get(Key key, Supplier<T> render) {
        return cache == null ? render.get() : (T) cache.get(key, k -> render.get());
    }

    /** Hits, misses and evictions so far; empty when nothing is kept. */
    CacheStats stats() {
        return cache == null ? CacheStats.empty() : cache.stats();
    }

    /** The estimated bytes kept now. */
    long weightedSize() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
    }

    Cache<Key, Object> caffeine() {
        return cache;
    }

    private static int weight(Key key, Object value) {
        long bytes = KEY_BYTES;
        if (value instanceof byte[] pdf) {
            bytes += pdf.length;
        } else if (value instanceof InvoiceRenderer.EmailWords words) {
            bytes += 2L * (length(words.subject()) + length(words.text()) + length(words.html()));
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
