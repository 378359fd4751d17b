package dev.gantrack.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type third-party plugins may rely on. {@link Status#STABLE} types only grow by new
 * {@code default} methods; {@link Status#EXPERIMENTAL} ones may still change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicApi {
  /** The promise made about the annotated type. */
  Status value() default Status.STABLE;

  /** How stable a public type is. */
  enum Status {
    STABLE,
    EXPERIMENTAL
  }
}
