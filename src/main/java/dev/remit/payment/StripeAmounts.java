package dev.remit.payment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Amounts as Stripe writes them: integers in the currency's smallest unit. The exponent is the ISO
 * 4217 one from {@link Currency}, except where Stripe differs: its zero-decimal currencies, and ISK,
 * which Stripe still writes with two decimals (in whole krónur).
 */
final class StripeAmounts {

    /** Stripe's zero-decimal currencies (stripe.com/docs/currencies#zero-decimal). */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    private StripeAmounts() {
    }

    public static int exponent(String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (code.equals("ISK")) {
            return 2;
        }
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    /** 12.34 USD → 1234; 500 JPY → 500. An amount finer than the unit is an error, never rounded silently. */
    public static long toMinor(BigDecimal amount, String currency) {
        return amount.movePointRight(exponent(currency)).setScale(0, java.math.RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    public static BigDecimal fromMinor(long minor, String currency) {
        return BigDecimal.valueOf(minor).movePointLeft(exponent(currency));
    }

    /** Stripe's own lower-case code. */
    public static String code(String currency) {
        return currency.toLowerCase(Locale.ROOT);
    }
}
