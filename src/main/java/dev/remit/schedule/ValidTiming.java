package dev.remit.schedule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.remit.api.HighLevelBinding;
import dev.remit.tenancy.Location;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * What a schedule's properties mean together (exactly one of executeAt and rrule, whole numbers in
 * range, numOfWeek with dayOfWeek, no secondly): {@link ScheduleOptions#timing}, in the zone of the
 * location the request names, reported with the other violations of the body.
 */
@Documented
@Constraint(validatedBy = ValidTiming.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidTiming {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ValidTiming, ScheduleOptions> {

        @Override
        public boolean isValid(ScheduleOptions options, ConstraintValidatorContext context) {
            if (options == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Location location = HighLevelBinding.location(context);
            boolean[] valid = {true};
            options.timing(location == null ? java.time.ZoneOffset.UTC : ScheduleTimings.zone(location), (path, message) -> {
                valid[0] = false;
                var builder = context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"));
                if (path.isEmpty()) {
                    builder.addConstraintViolation();
                    return;
                }
                String[] nodes = path.split("\\.");
                var node = builder.addPropertyNode(nodes[0]);
                for (int i = 1; i < nodes.length; i++) {
                    node = node.addPropertyNode(nodes[i]);
                }
                node.addConstraintViolation();
            });
            return valid[0];
        }
    }
}
