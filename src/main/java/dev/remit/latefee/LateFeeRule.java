package dev.remit.latefee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * An invoice's late-fees configuration (HighLevel's {@code LateFeesConfigurationDto}) as a value:
 * a fixed amount or a percentage, how often, after how many days of grace, up to which total.
 *
 * @param every the time between two fees; null for {@code one_time} (and for an intervalCount below 1)
 * @param cap   the most all fees together may add (maxLateFees.value); null for no cap
 */
public record LateFeeRule(Kind kind, BigDecimal value, TemporalAmount every, int graceDays, BigDecimal cap) {

    public enum Kind { FIXED, PERCENTAGE }

    public boolean once() {
        return every == null;
    }

    /**
     * The rule an enabled configuration describes; empty when there is none, it is disabled, or its
     * value is not positive. Fractional interval and grace counts count their whole part.
     */
    public static Optional<LateFeeRule> from(JsonNode config) {
        if (config == null || !config.isObject() || !config.path("enable").asBoolean(false)) {
            return Optional.empty();
        }
        BigDecimal value = decimal(config.get("value"));
        if (value == null || value.signum() <= 0) {
            return Optional.empty();
        }
        Kind kind = "percentage".equals(config.path("type").asString("")) ? Kind.PERCENTAGE : Kind.FIXED;
        JsonNode frequency = config.path("frequency");
        int count = whole(frequency.get("intervalCount"));
        TemporalAmount every = count < 1 ? null : switch (frequency.path("interval").asString("")) {
            case "minute" -> Duration.ofMinutes(count);
            case "hour" -> Duration.ofHours(count);
            case "day" -> Period.ofDays(count);
            case "week" -> Period.ofWeeks(count);
            case "month" -> Period.ofMonths(count);
            default -> null;
        };
        int grace = Math.max(0, whole(config.path("grace").get("intervalCount")));
        BigDecimal cap = decimal(config.path("maxLateFees").get("value"));
        return Optional.of(new LateFeeRule(kind, value, every, grace, cap));
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return node.isString() ? new BigDecimal(node.asString().trim()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static int whole(JsonNode node) {
        BigDecimal value = decimal(node);
        if (value == null) {
            return 0;
        }
        return value.min(BigDecimal.valueOf(100_000)).max(BigDecimal.ZERO).setScale(0, RoundingMode.DOWN).intValueExact();
    }
}
