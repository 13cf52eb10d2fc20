package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A class-level rule on a request record: the {@link IsoDate} component {@code then} may not name a day
 * before the one {@code first} names ({@code dueDate must not be before issueDate}). Either missing or
 * malformed passes (their own constraints say so).
 */
@Documented
@Constraint(validatedBy = DateOrder.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(DateOrder.List.class)
public @interface DateOrder {

    String first();

    String then();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        DateOrder[] value();
    }

    class Check implements ConstraintValidator<DateOrder, Record> {
        private String first;
        private String then;

        @Override
        public void initialize(DateOrder annotation) {
            first = annotation.first();
            then = annotation.then();
        }

        @Override
        public boolean isValid(Record value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate start = date(value, first);
            LocalDate end = date(value, then);
            if (start == null || end == null || !end.isBefore(start)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must not be before " + first)
                    .addPropertyNode(then).addConstraintViolation();
            return false;
        }

        private static LocalDate date(Record value, String name) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        java.lang.reflect.Method accessor = component.getAccessor();
                        accessor.setAccessible(true); // request records may be package-private
                        Object text = accessor.invoke(value);
                        return text instanceof String s && !s.isEmpty() ? IsoDate.Dates.parse(s) : null;
                    } catch (ReflectiveOperationException unreadable) {
                        throw new IllegalStateException(unreadable);
                    }
                }
            }
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " has no component " + name);
        }
    }
}
