package dev.remit.latefee;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * What a late-fees configuration must say beyond its types (docs/late-fees.md): whole interval counts, at
 * least 1 unless the fee is one_time, a percentage of at most 100, amounts of at most a billion. Each broken
 * rule is its own violation, under the annotated property ({@code lateFeesConfiguration.value ...}).
 */
@Documented
@Constraint(validatedBy = LateFeeLimits.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface LateFeeLimits {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<LateFeeLimits, LateFeesConfiguration> {

        static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
        static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
        static final BigDecimal MAX_COUNT = BigDecimal.valueOf(100_000);

        @Override
        public boolean isValid(LateFeesConfiguration config, ConstraintValidatorContext context) {
            if (config == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (config.value() != null) {
                if ("percentage".equals(config.type()) && config.value().compareTo(HUNDRED) > 0) {
                    valid = fail(context, "must not be greater than 100", "value");
                } else if (config.value().compareTo(MAX_AMOUNT) > 0) {
                    valid = fail(context, "must not be greater than " + MAX_AMOUNT.toPlainString(), "value");
                }
            }
            if (config.frequency() != null && config.frequency().intervalCount() != null) {
                BigDecimal count = config.frequency().intervalCount();
                valid &= whole(context, count, "frequency", "intervalCount");
                if (!"one_time".equals(config.frequency().interval()) && count.signum() == 0) {
                    valid = fail(context, "must not be less than 1", "frequency", "intervalCount");
                }
            }
            if (config.grace() != null && config.grace().intervalCount() != null) {
                valid &= whole(context, config.grace().intervalCount(), "grace", "intervalCount");
            }
            if (config.maxLateFees() != null && config.maxLateFees().value() != null
                    && config.maxLateFees().value().compareTo(MAX_AMOUNT) > 0) {
                valid = fail(context, "must not be greater than " + MAX_AMOUNT.toPlainString(), "maxLateFees", "value");
            }
            return valid;
        }

        private static boolean whole(ConstraintValidatorContext context, BigDecimal count, String... path) {
            if (count.stripTrailingZeros().scale() > 0) {
                return fail(context, "must be an integer number", path);
            }
            if (count.compareTo(MAX_COUNT) > 0) {
                return fail(context, "must not be greater than " + MAX_COUNT, path);
            }
            return true;
        }

        private static boolean fail(ConstraintValidatorContext context, String message, String... path) {
            var builder = context.buildConstraintViolationWithTemplate(message).addPropertyNode(path[0]);
            for (int i = 1; i < path.length; i++) {
                builder = builder.addPropertyNode(path[i]);
            }
            builder.addConstraintViolation();
            return false;
        }
    }
}
