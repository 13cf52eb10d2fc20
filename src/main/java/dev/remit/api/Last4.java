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
 * The last 4 digits of a card or account, the only part of its number remit keeps: exactly 4
 * digits, or empty where the operation allows that no digits are known ({@link #emptyAllowed()}).
 * Null passes (pair with @NotNull when required).
 */
@Documented
@Constraint(validatedBy = Last4.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Last4 {

    boolean emptyAllowed() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Last4, String> {
        private boolean emptyAllowed;

        @Override
        public void initialize(Last4 annotation) {
            emptyAllowed = annotation.emptyAllowed();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.matches("[0-9]{4}") || emptyAllowed && value.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(emptyAllowed ? "must be exactly 4 digits or empty"
                    : "must be exactly 4 digits").addConstraintViolation();
            return false;
        }
    }
}
