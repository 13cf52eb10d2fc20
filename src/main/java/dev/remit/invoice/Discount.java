package dev.remit.invoice;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A discount on the invoice: {@code percentage} (value 0..100) or {@code fixed} (value in major
 * units of the invoice currency), applied to every item or, with {@code validOnProductIds}, only to
 * the items whose productId is listed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Discount(String type, BigDecimal value, List<String> validOnProductIds) {

    public static final String PERCENTAGE = "percentage";
    public static final String FIXED = "fixed";

    public static Discount none() {
        return new Discount(PERCENTAGE, BigDecimal.ZERO, null);
    }

    public Discount {
        type = type == null ? PERCENTAGE : type;
        value = value == null ? BigDecimal.ZERO : value;
        validOnProductIds = validOnProductIds == null ? null : List.copyOf(validOnProductIds);
    }

    @JsonIgnore
    public boolean isPercentage() {
        return PERCENTAGE.equals(type);
    }

    /** Whether the discount applies to an item with this productId. */
    public boolean appliesTo(String productId) {
        return validOnProductIds == null || validOnProductIds.isEmpty()
                || (productId != null && validOnProductIds.contains(productId));
    }
}
