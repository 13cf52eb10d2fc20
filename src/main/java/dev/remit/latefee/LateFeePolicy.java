package dev.remit.latefee;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import dev.remit.invoice.Money;

/**
 * When late fees fall due and how much each is (docs/late-fees.md), without any I/O: given the rule,
 * the due date, what was applied so far and the amount due now, the fees due by {@code now} and the
 * time of the next one.
 *
 * <ul>
 * <li>The first fee is due at the start of the day after the due date plus the grace days, in the
 *     location's time zone, or when the rule took effect if that is later ({@code notBefore}).</li>
 * <li>Each further fee is due one interval after the previous fee's due time (months keep the day
 *     of the month where it exists, else the month's last day); {@code one_time} applies one fee in all.</li>
 * <li>A fee is the fixed value, or the percentage of the amount due at that time (including earlier
 *     fees), rounded by docs/money.md's rule; it never takes the fees' total above the cap, the fee
 *     that reaches the cap is cut to what is left, and none follows it.</li>
 * <li>Missed intervals are caught up one fee per interval, each at its own due time.</li>
 * </ul>
 */
public final class LateFeePolicy {

    private LateFeePolicy() {
    }

    /** The fees applied so far: how many, their sum, and the due time of the last (null when none). */
    public record Applied(int count, BigDecimal sum, Instant lastDueAt) {

        public static Applied none() {
            return new Applied(0, BigDecimal.ZERO, null);
        }
    }

    /** One fee to apply: its number (1, 2, ...), the time it fell due, its amount. */
    public record Fee(int sequence, Instant dueAt, BigDecimal amount) {
    }

    /** The fees due now, and when the next one falls due (null: no more). */
    public record Plan(List<Fee> fees, Instant next) {
    }

    /** When the first fee falls due: the day after the due date plus the grace days starts, in {@code zone}. */
    public static Instant firstDue(LocalDate dueDate, int graceDays, ZoneId zone) {
        return dueDate.plusDays(1L + graceDays).atStartOfDay(zone).toInstant();
    }

    /**
     * @param amountDue what the customer owes now (total including applied fees, less payments)
     * @param limit     at most this many fees in one plan (the rest are due at {@code next}, at once)
     */
    public static Plan plan(LateFeeRule rule, LocalDate dueDate, ZoneId zone, Instant notBefore, Applied applied,
            BigDecimal amountDue, Currency currency, Instant now, int limit) {
        if (rule.once() && applied.count() > 0) {
            return new Plan(List.of(), null);
        }
        BigDecimal minor = Money.minorUnit(currency);
        Instant slot = applied.count() == 0 ? firstDue(dueDate, rule.graceDays(), zone)
                : advance(applied.lastDueAt(), rule, zone);
        if (notBefore != null && slot.isBefore(notBefore)) {
            slot = notBefore;
        }
        List<Fee> fees = new ArrayList<>();
        BigDecimal sum = applied.sum();
        BigDecimal due = amountDue;
        int sequence = applied.count();
        while (true) {
            BigDecimal left = rule.cap() == null ? null : rule.cap().subtract(sum);
            if (left != null && left.compareTo(minor) < 0) {
                return new Plan(fees, null);
            }
            if (due.signum() <= 0) {
                return new Plan(fees, null);
            }
            if (slot.isAfter(now) || fees.size() >= limit) {
                return new Plan(fees, slot);
            }
            BigDecimal amount = rule.kind() == LateFeeRule.Kind.FIXED ? Money.round(rule.value(), currency)
                    : Money.round(Money.percentOf(due, rule.value()), currency);
            if (left != null && amount.compareTo(left) > 0) {
                amount = Money.round(left, currency);
                if (amount.compareTo(left) > 0) {
                    amount = amount.subtract(minor);
                }
            }
            if (amount.signum() <= 0) {
                return new Plan(fees, null);
            }
            fees.add(new Fee(++sequence, slot, amount));
            sum = sum.add(amount);
            due = due.add(amount);
            if (rule.once()) {
                return new Plan(fees, null);
            }
            slot = advance(slot, rule, zone);
        }
    }

    static Instant advance(Instant from, LateFeeRule rule, ZoneId zone) {
        return from.atZone(zone).plus(rule.every()).toInstant();
    }
}
