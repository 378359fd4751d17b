package dev.gantrack.api.spec;

import dev.gantrack.api.PublicApi;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option that picks which other options apply, as {@code type:} does for a whole section
 * (e.g. an optimizer group's {@code optimizer:}). When an {@code extends} file or a {@code --set}
 * changes its value, the group it belongs to is replaced whole: the old choice's options do not
 * carry over to the new one.
 */
@PublicApi
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Selector {}
