package dev.remit.api;

import java.math.BigDecimal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * How every amount (and every other decimal) is written in remit's JSON, as JavaScript clients
 * see HighLevel's: without trailing zeros, whatever scale it was computed or stored at ({@code 999}
 * for 999.00, {@code 0.5} for a KWD 0.500 or a database's 0.5000). Records get it from Jackson
 * ({@link #SERIALIZER}, registered in ApiJsonConfig); a response built as a JSON tree puts
 * {@link #plain} amounts, since a tree writes its decimals as they are.
 */
public final class MoneyJson {

    /** Beyond this many zeros a number keeps its exponent (1E+1000000 stays short); no amount comes near. */
    private static final int MOST_ZEROS_WRITTEN_OUT = 40;

    public static final ValueSerializer<BigDecimal> SERIALIZER = new ValueSerializer<>() {
        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(plain(value));
        }
    };

    private MoneyJson() {
    }

    /** The value as written: 100.00 → 100, 0.5000 → 0.5, 1.250 → 1.25, 0.00 → 0. Null stays null. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 && stripped.scale() >= -MOST_ZEROS_WRITTEN_OUT ? stripped.setScale(0) : stripped;
    }
}
