package dev.remit.invoice;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of an invoice as stored and returned (the seed's shape): {@code amount} is the unit price
 * in major units of {@code currency}, {@code qty} the quantity. With {@code taxInclusive} the amount
 * already contains the item's taxes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineItem(
        @JsonProperty("_id") String id,
        String name,
        String description,
        String productId,
        String priceId,
        String currency,
        BigDecimal amount,
        BigDecimal qty,
        List<ItemTax> taxes,
        String automaticTaxCategoryId,
        Boolean isSetupFeeItem,
        String type,
        boolean taxInclusive) {

    public LineItem {
        taxes = taxes == null ? List.of() : List.copyOf(taxes);
    }

    /** A tax on an item; {@code rate} is a percentage 0..100. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemTax(
            @JsonProperty("_id") String id,
            String name,
            BigDecimal rate,
            String calculation,
            String description,
            String taxId) {

        public ItemTax(String id, String name, BigDecimal rate, String calculation, String taxId) {
            this(id, name, rate, calculation, null, taxId);
        }
    }
}
