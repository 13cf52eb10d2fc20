package dev.remit.invoice;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * An invoice's figures, computed by {@link #compute} exactly as docs/money.md describes. Every
 * amount here is at the currency's scale, and {@code total = subTotal - discount + tax + charges}
 * holds exactly.
 *
 * @param subTotal     Σ round(qty × amount) over all items (tax-inclusive items at their gross amount)
 * @param discount     the discount, never more than {@code discountBase}
 * @param discountBase Σ of the lines the discount applies to
 * @param tax          exclusive taxes, added to the total
 * @param includedTax  taxes contained in tax-inclusive items (informative; not added)
 * @param charges      miscellaneous charges (processing fees charged to the customer)
 * @param total        subTotal − discount + tax + charges + lateFees
 * @param lines        per item: its line amount, its share of the discount, its taxes
 * @param lateFees     the late fees applied so far (docs/late-fees.md)
 */
public record Totals(BigDecimal subTotal, BigDecimal discount, BigDecimal discountBase, BigDecimal tax,
        BigDecimal includedTax, BigDecimal charges, BigDecimal total, List<Line> lines, BigDecimal lateFees) {

    /** These figures with {@code fees} of late fees applied: they are added to the total. */
    public Totals withLateFees(BigDecimal fees) {
        BigDecimal added = fees == null ? BigDecimal.ZERO : fees;
        return new Totals(subTotal, discount, discountBase, tax, includedTax, charges,
                total.subtract(lateFees).add(added).setScale(total.scale(), Money.ROUNDING), lines, added.setScale(total.scale(), Money.ROUNDING));
    }

    /** One item's figures: line = round(qty × amount); net = line − discountShare. */
    public record Line(BigDecimal line, BigDecimal discountShare, BigDecimal net, BigDecimal tax, BigDecimal includedTax) {
    }

    public static Totals compute(Currency currency, List<LineItem> items, Discount discount, BigDecimal charges) {
        int scale = Money.scale(currency);
        BigDecimal zero = Money.zero(currency);
        Discount effective = discount == null ? Discount.none() : discount;

        List<BigDecimal> lines = new ArrayList<>();
        BigDecimal subTotal = zero;
        BigDecimal base = zero;
        for (LineItem item : items) {
            BigDecimal line = Money.round(item.qty().multiply(item.amount()), currency);
            lines.add(line);
            subTotal = subTotal.add(line);
            if (effective.appliesTo(item.productId())) {
                base = base.add(line);
            }
        }

        BigDecimal discountAmount = effective.isPercentage()
                ? Money.round(Money.percentOf(base, effective.value()), currency)
                : Money.round(effective.value(), currency);
        discountAmount = discountAmount.min(base).max(zero);

        List<BigDecimal> shares = allocate(discountAmount, base, items, lines, effective, scale);

        BigDecimal tax = zero;
        BigDecimal includedTax = zero;
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            BigDecimal net = lines.get(i).subtract(shares.get(i));
            BigDecimal itemTax = zero;
            BigDecimal itemIncluded = zero;
            if (item.taxInclusive()) {
                BigDecimal rates = BigDecimal.ZERO;
                for (LineItem.ItemTax t : item.taxes()) {
                    rates = rates.add(t.rate());
                }
                if (rates.signum() > 0) {
                    itemIncluded = net.multiply(rates).divide(BigDecimal.valueOf(100).add(rates), scale, Money.ROUNDING);
                }
            } else {
                for (LineItem.ItemTax t : item.taxes()) {
                    itemTax = itemTax.add(Money.round(Money.percentOf(net, t.rate()), currency));
                }
            }
            tax = tax.add(itemTax);
            includedTax = includedTax.add(itemIncluded);
            result.add(new Line(lines.get(i), shares.get(i), net, itemTax, itemIncluded));
        }
        BigDecimal extra = charges == null ? zero : Money.round(charges, currency);
        BigDecimal total = subTotal.subtract(discountAmount).add(tax).add(extra);
        return new Totals(subTotal, discountAmount, base, tax, includedTax, extra, total, List.copyOf(result), zero);
    }

    /**
     * Splits the discount over the items it applies to in proportion to their lines, in whole minor
     * units, by largest remainder: each gets the floor of its exact share, and the units left over
     * go one each to the largest remainders (the earlier item on a tie). The shares add up to the
     * discount exactly and none exceeds its line.
     */
    static List<BigDecimal> allocate(BigDecimal discount, BigDecimal base, List<LineItem> items, List<BigDecimal> lines,
            Discount rule, int scale) {
        List<BigDecimal> shares = new ArrayList<>();
        BigInteger total = discount.movePointRight(scale).toBigIntegerExact();
        BigInteger baseUnits = base.movePointRight(scale).toBigIntegerExact();
        List<BigInteger[]> parts = new ArrayList<>(); // {index, floor, remainder}
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < items.size(); i++) {
            if (baseUnits.signum() == 0 || !rule.appliesTo(items.get(i).productId())) {
                parts.add(new BigInteger[] {BigInteger.valueOf(i), BigInteger.ZERO, BigInteger.valueOf(-1)});
                continue;
            }
            BigInteger units = lines.get(i).movePointRight(scale).toBigIntegerExact();
            BigInteger[] division = total.multiply(units).divideAndRemainder(baseUnits);
            parts.add(new BigInteger[] {BigInteger.valueOf(i), division[0], division[1]});
            given = given.add(division[0]);
        }
        BigInteger left = total.subtract(given);
        List<BigInteger[]> byRemainder = new ArrayList<>(parts);
        byRemainder.sort((a, b) -> {
            int c = b[2].compareTo(a[2]);
            return c != 0 ? c : a[0].compareTo(b[0]);
        });
        for (BigInteger[] part : byRemainder) {
            if (left.signum() <= 0 || part[2].signum() < 0) {
                break;
            }
            part[1] = part[1].add(BigInteger.ONE);
            left = left.subtract(BigInteger.ONE);
        }
        for (BigInteger[] part : parts) {
            shares.add(new BigDecimal(part[1], scale));
        }
        return shares;
    }
}
