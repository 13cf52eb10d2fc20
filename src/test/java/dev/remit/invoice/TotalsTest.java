package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The worked example of docs/money.md, figure by figure. */
class TotalsTest {

    private static final Currency USD = Currency.getInstance("USD");

    private static LineItem item(String product, String amount, String qty, boolean inclusive, String... rates) {
        List<LineItem.ItemTax> taxes = java.util.Arrays.stream(rates)
                .map(r -> new LineItem.ItemTax("t", "tax", new BigDecimal(r), "exclusive", null)).toList();
        return new LineItem("i", product, null, product, null, "USD", new BigDecimal(amount), new BigDecimal(qty), taxes,
                null, null, "one_time", inclusive);
    }

    @Test
    void workedExample() {
        List<LineItem> items = List.of(
                item("design", "33.33", "3", false, "8.25"),
                item("hosting", "19.99", "1", false, "8.25"),
                item("book", "55.00", "1", true, "10"));
        Totals t = Totals.compute(USD, items, new Discount("fixed", new BigDecimal("10.00"), null), new BigDecimal("2.50"));
        // lines: 99.99, 19.99, 55.00 → subTotal 174.98
        assertThat(t.subTotal()).isEqualByComparingTo("174.98");
        // shares of 10.00 (1000 cents): 571.42.. → 571, 114.24.. → 114, 314.32.. → 314; left 1 → largest remainder (0.42) design
        assertThat(t.lines()).extracting(l -> l.discountShare().toPlainString()).containsExactly("5.72", "1.14", "3.14");
        // taxes: (99.99 − 5.72) × 8.25% = 7.777275 → 7.78; (19.99 − 1.14) × 8.25% = 1.555125 → 1.56
        assertThat(t.lines()).extracting(l -> l.tax().toPlainString()).containsExactly("7.78", "1.56", "0.00");
        // inclusive: (55.00 − 3.14) × 10/110 = 4.714545.. → 4.71, inside the amount
        assertThat(t.includedTax()).isEqualByComparingTo("4.71");
        assertThat(t.tax()).isEqualByComparingTo("9.34");
        // total = 174.98 − 10.00 + 9.34 + 2.50
        assertThat(t.total()).isEqualByComparingTo("176.82");
    }

    @Test
    void halfUpOnTheMinorUnit() {
        Totals t = Totals.compute(USD, List.of(item("x", "0.05", "0.5", false)), Discount.none(), BigDecimal.ZERO);
        assertThat(t.subTotal()).isEqualByComparingTo("0.03"); // 0.025 → 0.03 (HALF_UP; HALF_EVEN would give 0.02)
    }
}
