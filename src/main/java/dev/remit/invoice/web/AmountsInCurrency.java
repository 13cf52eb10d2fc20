package dev.remit.invoice.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.remit.invoice.Discount;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Money;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.PaidCharge;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import org.springframework.modulith.NamedInterface;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The class-level money rules of an invoice body (docs/money.md): every line in the invoice's currency,
 * amounts with no more decimals than its minor units, a percentage discount of at most 100 and a fixed one
 * no larger than the lines it applies to. An unknown currency is {@link CurrencyCode}'s to name.
 */
@NamedInterface("web")
@Documented
@Constraint(validatedBy = AmountsInCurrency.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AmountsInCurrency {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A body with priced lines; {@link #linesProperty()} is their wire name ({@code items}, {@code invoiceItems}). */
    @NamedInterface("web")
    interface Priced {
        String currency();

        @JsonIgnore
        List<Item> lines();

        @JsonIgnore
        String linesProperty();

        DiscountBody discount();

        ProcessingFee miscellaneousCharges();
    }

    class Check implements ConstraintValidator<AmountsInCurrency, Priced> {

        @Override
        public boolean isValid(Priced body, ConstraintValidatorContext context) {
            if (body == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            Currency currency = Money.currency(body.currency()).orElse(null);
            String code = body.currency();
            List<Item> items = body.lines() == null ? List.of() : body.lines();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item == null || currency == null) {
                    continue;
                }
                if (item.currency() != null && !item.currency().isBlank() && !item.currency().equals(code)) {
                    valid = fail(context, "must be the invoice currency " + code, body.linesProperty(), i, "currency");
                }
                if (item.amount() != null && !Money.fitsScale(item.amount(), currency)) {
                    valid = fail(context, places(currency), body.linesProperty(), i, "amount");
                }
            }
            DiscountBody given = body.discount();
            if (given != null && given.value() != null && given.value().signum() >= 0) {
                Discount discount = InvoiceContents.discount(given);
                boolean percentage = discount.isPercentage();
                if (percentage && discount.value().compareTo(BigDecimal.valueOf(100)) > 0) {
                    valid = fail(context, "must not be greater than 100", "discount", -1, "value");
                } else if (!percentage && currency != null && !Money.fitsScale(discount.value(), currency)) {
                    valid = fail(context, places(currency), "discount", -1, "value");
                } else if (!percentage && currency != null) {
                    BigDecimal base = base(discount, items, currency);
                    if (base != null && discount.value().compareTo(base) > 0) {
                        valid = fail(context, "must not be greater than the amount it applies to (" + base.toPlainString()
                                + ")", "discount", -1, "value");
                    }
                }
            }
            ProcessingFee fee = body.miscellaneousCharges();
            if (fee != null && fee.paidCharges() != null && currency != null) {
                List<PaidCharge> charges = fee.paidCharges();
                for (int i = 0; i < charges.size(); i++) {
                    PaidCharge charge = charges.get(i);
                    if (charge != null && charge.amount() != null && !Money.fitsScale(charge.amount(), currency)) {
                        context.buildConstraintViolationWithTemplate(places(currency))
                                .addPropertyNode("miscellaneousCharges").addPropertyNode("paidCharges")
                                .addPropertyNode("amount").inIterable().atIndex(i).addConstraintViolation();
                        valid = false;
                    }
                }
            }
            return valid;
        }

        /** What the fixed discount applies to; null while a line lacks its amount or qty. */
        private static BigDecimal base(Discount discount, List<Item> items, Currency currency) {
            List<LineItem> lines = InvoiceContents.lineItems(items);
            boolean incomplete = lines.stream().anyMatch(line -> line.amount() == null || line.qty() == null);
            return incomplete ? null : InvoiceContents.discountBase(discount, lines, currency);
        }

        private static String places(Currency currency) {
            return "must have at most " + Money.scale(currency) + " decimal places for " + currency.getCurrencyCode();
        }

        private static boolean fail(ConstraintValidatorContext context, String message, String parent, int index,
                String property) {
            var builder = context.buildConstraintViolationWithTemplate(message).addPropertyNode(parent);
            if (index < 0) {
                builder.addPropertyNode(property).addConstraintViolation();
            } else {
                builder.addPropertyNode(property).inIterable().atIndex(index).addConstraintViolation();
            }
            return false;
        }
    }
}
