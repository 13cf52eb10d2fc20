package dev.remit.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may carry, under {@code remit.request.*}.
 *
 * @param maxBodySize the largest request body accepted; a larger one answers 413 in HighLevel's error shape
 */
@ConfigurationProperties("remit.request")
record RequestLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
