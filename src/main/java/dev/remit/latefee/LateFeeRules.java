package dev.remit.latefee;

import java.math.BigDecimal;

import dev.remit.api.Violations;
import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;

/**
 * What a late-fees configuration must say beyond its types (docs/late-fees.md): whole interval
 * counts, at least 1 unless the fee is one_time, a percentage of at most 100, amounts below a
 * billion. Each broken rule is named in the 422.
 */
public final class LateFeeRules {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal MAX_COUNT = BigDecimal.valueOf(100_000);

    private LateFeeRules() {
    }

    public static void check(LateFeesConfiguration config, String path, Violations v) {
        if (config == null) {
            return;
        }
        if (config.value() != null) {
            if ("percentage".equals(config.type()) && config.value().compareTo(HUNDRED) > 0) {
                v.add(path + ".value", "must not be greater than 100");
            } else if (config.value().compareTo(MAX_AMOUNT) > 0) {
                v.add(path + ".value", "must not be greater than " + MAX_AMOUNT.toPlainString());
            }
        }
        if (config.frequency() != null && config.frequency().intervalCount() != null) {
            BigDecimal count = config.frequency().intervalCount();
            whole(count, path + ".frequency.intervalCount", v);
            if (!"one_time".equals(config.frequency().interval()) && count.signum() == 0) {
                v.add(path + ".frequency.intervalCount", "must not be less than 1");
            }
        }
        if (config.grace() != null && config.grace().intervalCount() != null) {
            whole(config.grace().intervalCount(), path + ".grace.intervalCount", v);
        }
        if (config.maxLateFees() != null && config.maxLateFees().value() != null
                && config.maxLateFees().value().compareTo(MAX_AMOUNT) > 0) {
            v.add(path + ".maxLateFees.value", "must not be greater than " + MAX_AMOUNT.toPlainString());
        }
    }

    private static void whole(BigDecimal count, String path, Violations v) {
        if (count.stripTrailingZeros().scale() > 0) {
            v.add(path, "must be an integer number");
        } else if (count.compareTo(MAX_COUNT) > 0) {
            v.add(path, "must not be greater than " + MAX_COUNT);
        }
    }
}
