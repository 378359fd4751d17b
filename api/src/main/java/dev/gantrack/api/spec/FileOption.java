package dev.gantrack.api.spec;

import dev.gantrack.api.PublicApi;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option whose value is a file or folder path. A relative path is relative to the file
 * that wrote it: when an experiment {@code extends} a file in another folder, gantrack rebases the
 * base file's relative paths so they still point where that file meant.
 */
@PublicApi
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface FileOption {}
