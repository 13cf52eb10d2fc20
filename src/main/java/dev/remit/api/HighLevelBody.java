package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON body of a HighLevel operation, bound into a request record by {@link HighLevelBinding}: the
 * body's {@code altId} checked against the token (403), then every unknown property, wrong type and
 * violated constraint of the record (single-field and class-level) reported in one 422. A
 * {@link dev.remit.tenancy.Location} parameter of the same handler is the body's {@code altId}.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface HighLevelBody {
}
