package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A whole number written as text (a list's {@code limit} and {@code offset} in the query), as HighLevel's
 * {@code @IsNumberString} with {@code @Min}/{@code @Max}: {@code limit must be a number string},
 * {@code must not be less than 1}, {@code must not be greater than 100}. Null passes.
 */
@Documented
@Constraint(validatedBy = NumberString.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NumberString {

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<NumberString, String> {
        private int min;
        private int max;

        @Override
        public void initialize(NumberString annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem;
            if (!value.matches("[0-9]{1,9}")) {
                problem = "must be a number string";
            } else if (Integer.parseInt(value) < min) {
                problem = "must not be less than " + min;
            } else if (Integer.parseInt(value) > max) {
                problem = "must not be greater than " + max;
            } else {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        /** The number a valid value names, or null. */
        public static Integer parse(String value) {
            return value == null || !value.matches("[0-9]{1,9}") ? null : Integer.parseInt(value);
        }
    }
}
