package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A date (YYYY-MM-DD) or an ISO 8601 date-time with offset. Null and empty pass. */
@Documented
@Constraint(validatedBy = IsoDate.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDate {

    String message() default "must be a valid ISO 8601 date string";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<IsoDate, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || Dates.parse(value) != null;
        }
    }

    final class Dates {
        private Dates() {
        }

        /** The calendar date a value names, or null when it is not ISO 8601 (a date, or a date-time with offset). */
        public static LocalDate parse(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value) : OffsetDateTime.parse(value).toLocalDate();
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }
}
