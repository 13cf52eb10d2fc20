package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A user id that must name a user with access to the request's location (send-invoice's and text2pay's
 * {@code userId}). Null and blank pass (pair with @NotBlank), and so does any id while the request names
 * no location (its altId is refused on its own).
 */
@Documented
@Constraint(validatedBy = UserOfLocation.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface UserOfLocation {

    String message() default "must be a user with access to this location";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Built by Spring's constraint validator factory, which gives it the repository. */
    class Check implements ConstraintValidator<UserOfLocation, String> {
        private final TenancyRepository tenancy;

        public Check(TenancyRepository tenancy) {
            this.tenancy = tenancy;
        }

        @Override
        public boolean isValid(String userId, ConstraintValidatorContext context) {
            Location location = HighLevelBinding.location(context);
            return userId == null || userId.isBlank() || location == null || tenancy.userHasLocation(userId, location.id());
        }
    }
}
