package dev.remit.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;

/**
 * remit's one rounding rule (docs/money.md): every computed amount is rounded to the minor units
 * of the invoice currency (ISO 4217 via {@link Currency}: USD 2, JPY 0, KWD 3) with
 * {@link RoundingMode#HALF_UP}. Amounts are always {@link BigDecimal}; never double or float.
 */
public final class Money {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    /** The ISO 4217 currency for an upper-case three-letter code that has minor units; empty otherwise. */
    public static Optional<Currency> currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static Currency currencyOrThrow(String code) {
        return currency(code).orElseThrow(() -> new IllegalArgumentException("unknown currency " + code));
    }

    public static int scale(Currency currency) {
        return currency.getDefaultFractionDigits();
    }

    /** Rounds to the currency's minor units by the one rule. */
    public static BigDecimal round(BigDecimal amount, Currency currency) {
        return amount.setScale(scale(currency), ROUNDING);
    }

    /** True when the amount has no more decimals than the currency's minor units (trailing zeros do not count). */
    public static boolean fitsScale(BigDecimal amount, Currency currency) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() <= scale(currency);
    }

    public static BigDecimal zero(Currency currency) {
        return BigDecimal.ZERO.setScale(scale(currency));
    }

    /** {@code amount × percent / 100}, exact (no rounding). */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(HUNDRED);
    }

    /** The smallest amount of the currency, e.g. 0.01 for USD, 1 for JPY. */
    public static BigDecimal minorUnit(Currency currency) {
        return BigDecimal.ONE.movePointLeft(scale(currency));
    }
}
