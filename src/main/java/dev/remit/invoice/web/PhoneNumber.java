package dev.remit.invoice.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.remit.api.HighLevelBinding;
import dev.remit.invoice.Phones;
import dev.remit.tenancy.Location;
import org.springframework.modulith.NamedInterface;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A phone number as a person writes it ({@code +1-214-559-6993}, {@code (214) 559-6993}), valid when read
 * with the request's location's country as the default region ({@link Phones#e164}). The number is kept
 * as written; its E.164 form is what SMS goes to. Null and blank pass; so does any number when the
 * request names no location yet (its altId is refused on its own).
 */
@NamedInterface("web")
@Documented
@Constraint(validatedBy = PhoneNumber.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PhoneNumber {

    String message() default "must be a valid phone number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PhoneNumber, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Location location = HighLevelBinding.location(context);
            return value == null || value.isBlank() || location == null || Phones.e164(value, location.country()) != null;
        }
    }
}
