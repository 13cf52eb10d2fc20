package dev.remit.page;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much rendered invoice output is kept for reuse ({@code remit.page.render-cache.*}).
 *
 * @param maxSize the PDFs and email texts kept, by their size (an entry also counts a fixed
 *        estimate for its key); the least valuable go first (Caffeine's W-TinyLFU). {@code 0} keeps nothing
 */
@ConfigurationProperties("remit.page.render-cache")
public record RenderCacheSettings(@DefaultValue("32MB") DataSize maxSize) {

    public RenderCacheSettings {
        if (maxSize == null || maxSize.isNegative()) {
            throw new IllegalArgumentException("remit.page.render-cache.max-size must not be negative");
        }
    }
}
