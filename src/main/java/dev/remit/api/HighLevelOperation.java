package dev.remit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler under /invoices as an operation of the API. With the spec's operationId, the
 * accepted tokens and scopes are the spec's own {@code security}; remit's own extensions name
 * their scopes instead (and are open to location and agency tokens alike).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface HighLevelOperation {

    /** The operationId in HighLevel's invoices.json; empty for remit's own extensions. */
    String value() default "";

    /** Scopes for an extension (all are required). */
    String[] scopes() default {};
}
