package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query string of a HighLevel operation, bound into a request record as {@link HighLevelBody} binds a
 * body (numbers and booleans read from their text). A handler that needs only {@code altId}/{@code altType}
 * declares a {@link dev.remit.tenancy.Location} parameter and no query record.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface HighLevelQuery {
}
