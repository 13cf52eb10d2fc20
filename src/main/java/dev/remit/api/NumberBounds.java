package dev.remit.api;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The numbers remit reads from a request: at most {@value #MAX_INTEGER_DIGITS} digits before the
 * decimal point and {@value #MAX_FRACTION_DIGITS} after it (leading and trailing zeros not counted),
 * in any notation ({@code 1.5e2} is 150). A BigDecimal is cheap to parse whatever its exponent, but
 * not to compare, round or print: {@code 1e1000000000} printed plainly is a billion characters. So a
 * number is checked against these bounds from its precision and scale alone, before any arithmetic,
 * and a number beyond them is refused where it is read. Within them every operation (and every echo in a
 * message) is small. The money rules (docs/money.md) then apply their own, narrower limits.
 */
public final class NumberBounds {

    public static final int MAX_INTEGER_DIGITS = 20;
    public static final int MAX_FRACTION_DIGITS = 20;
    /** The longest number text read from a query string or a stored string. */
    public static final int MAX_TEXT_LENGTH = 100;

    private NumberBounds() {
    }

    /**
     * Whether the number is within the bounds: told from its precision and scale, and only for a number
     * with more than 20 decimals, by stripping its trailing zeros (of at most the parser's 1,000 digits).
     */
    public static boolean within(BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        long scale = number.scale();
        long precision = number.precision();
        if (precision - scale > MAX_INTEGER_DIGITS) {
            return false;
        }
        if (scale <= MAX_FRACTION_DIGITS) {
            return true;
        }
        if (scale - precision >= MAX_FRACTION_DIGITS) {
            return false; // the first significant digit is already beyond the last place allowed
        }
        return number.stripTrailingZeros().scale() <= MAX_FRACTION_DIGITS;
    }

    /** The number written in {@code text} (surrounding blanks ignored), when it is one and within the bounds. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        try {
            BigDecimal number = new BigDecimal(trimmed);
            return within(number) ? Optional.of(number.signum() == 0 ? BigDecimal.ZERO : number) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
