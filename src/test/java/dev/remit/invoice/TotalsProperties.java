package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The totals are provably consistent: for any invoice, in any of these currencies. */
class TotalsProperties {

    record Case(Currency currency, List<LineItem> items, Discount discount, BigDecimal charges) {
    }

    @Provide
    Arbitrary<Case> invoices() {
        Arbitrary<Currency> currency = Arbitraries.of("USD", "JPY", "KWD", "EUR", "BHD", "CLP")
                .map(Currency::getInstance);
        return currency.flatMap(c -> {
            int scale = c.getDefaultFractionDigits();
            Arbitrary<BigDecimal> amount = Arbitraries.longs().between(0, 5_000_000).map(v -> BigDecimal.valueOf(v, scale));
            Arbitrary<BigDecimal> qty = Arbitraries.longs().between(1, 100_000).map(v -> BigDecimal.valueOf(v, 3));
            Arbitrary<BigDecimal> rate = Arbitraries.longs().between(0, 10_000).map(v -> BigDecimal.valueOf(v, 2));
            Arbitrary<List<LineItem.ItemTax>> taxes = rate.map(r -> new LineItem.ItemTax("t", "tax", r, "exclusive", null))
                    .list().ofMaxSize(3);
            Arbitrary<String> product = Arbitraries.of("p1", "p2", "p3");
            Arbitrary<LineItem> item = Combinators.combine(amount, qty, taxes, product, Arbitraries.of(true, false, false))
                    .as((a, q, t, p, inclusive) -> new LineItem("i", "item", null, p, null, c.getCurrencyCode(), a, q, t,
                            null, null, "one_time", inclusive));
            Arbitrary<Discount> discount = Arbitraries.oneOf(
                    Arbitraries.longs().between(0, 10_000).map(v -> new Discount("percentage", BigDecimal.valueOf(v, 2), null)),
                    Arbitraries.longs().between(0, 50_000_000).map(v -> new Discount("fixed", BigDecimal.valueOf(v, scale), null)),
                    Arbitraries.longs().between(0, 10_000).map(v -> new Discount("percentage", BigDecimal.valueOf(v, 2),
                            List.of("p1"))),
                    Arbitraries.longs().between(0, 5_000_000).map(v -> new Discount("fixed", BigDecimal.valueOf(v, scale),
                            List.of("p2", "p3"))));
            Arbitrary<BigDecimal> charges = Arbitraries.longs().between(0, 100_000).map(v -> BigDecimal.valueOf(v, scale));
            return Combinators.combine(item.list().ofMinSize(1).ofMaxSize(12), discount, charges)
                    .as((items, d, ch) -> new Case(c, items, d, ch));
        });
    }

    @Property(tries = 2000)
    void noTotalIsNegativeAndThePartsAddUpExactly(@ForAll("invoices") Case invoice) {
        Totals t = Totals.compute(invoice.currency(), invoice.items(), invoice.discount(), invoice.charges());
        assertThat(t.total().signum()).isGreaterThanOrEqualTo(0);
        assertThat(t.total()).isEqualByComparingTo(t.subTotal().subtract(t.discount()).add(t.tax()).add(t.charges()));
        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal shares = BigDecimal.ZERO;
        BigDecimal taxes = BigDecimal.ZERO;
        for (Totals.Line line : t.lines()) {
            lines = lines.add(line.line());
            shares = shares.add(line.discountShare());
            taxes = taxes.add(line.tax());
            assertThat(line.discountShare()).isLessThanOrEqualTo(line.line());
            assertThat(line.net().signum()).isGreaterThanOrEqualTo(0);
            assertThat(line.includedTax()).isLessThanOrEqualTo(line.net());
        }
        assertThat(lines).isEqualByComparingTo(t.subTotal());
        assertThat(shares).isEqualByComparingTo(t.discount());
        assertThat(taxes).isEqualByComparingTo(t.tax());
    }

    @Property(tries = 2000)
    void everyFigureIsAtTheCurrencysScale(@ForAll("invoices") Case invoice) {
        Totals t = Totals.compute(invoice.currency(), invoice.items(), invoice.discount(), invoice.charges());
        int scale = invoice.currency().getDefaultFractionDigits();
        List<BigDecimal> figures = new ArrayList<>(List.of(t.subTotal(), t.discount(), t.tax(), t.includedTax(),
                t.charges(), t.total()));
        t.lines().forEach(l -> figures.addAll(List.of(l.line(), l.discountShare(), l.net(), l.tax(), l.includedTax())));
        for (BigDecimal figure : figures) {
            assertThat(figure.scale()).isEqualTo(scale);
        }
    }

    @Property(tries = 2000)
    void theDiscountNeverExceedsItsBase(@ForAll("invoices") Case invoice) {
        Totals t = Totals.compute(invoice.currency(), invoice.items(), invoice.discount(), invoice.charges());
        assertThat(t.discount()).isLessThanOrEqualTo(t.discountBase());
        assertThat(t.discountBase()).isLessThanOrEqualTo(t.subTotal());
        for (int i = 0; i < invoice.items().size(); i++) {
            if (!invoice.discount().appliesTo(invoice.items().get(i).productId())) {
                assertThat(t.lines().get(i).discountShare().signum()).isZero();
            }
        }
    }

    @Property(tries = 1000)
    void paymentsThatAddUpToTheTotalEndAtPaid(@ForAll("invoices") Case invoice,
            @ForAll @IntRange(min = 1, max = 8) int parts) {
        InvoiceContent content = new InvoiceContent("n", "INVOICE", invoice.currency().getCurrencyCode(),
                java.time.LocalDate.of(2026, 1, 1), null, invoice.items(), invoice.discount(), null, null, false, false,
                null, null, null, null, null, invoice.charges(), null);
        Invoice aggregate = Invoice.draft("id", "loc", "1", "token", content, java.time.Instant.now());
        BigDecimal total = aggregate.totals().total();
        if (total.signum() == 0) {
            return;
        }
        int scale = invoice.currency().getDefaultFractionDigits();
        long units = total.movePointRight(scale).longValueExact();
        long each = Math.max(1, units / parts);
        long paid = 0;
        while (paid < units) {
            long next = Math.min(each, units - paid);
            aggregate.acceptPayment(BigDecimal.valueOf(next, scale), java.time.Instant.now());
            paid += next;
            assertThat(aggregate.status()).isIn(paid == units ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID);
        }
        assertThat(aggregate.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(aggregate.amountDue().signum()).isZero();
        assertThat(aggregate.amountPaid()).isEqualByComparingTo(total);
    }
}
