package dev.gantrack.api;

import java.util.List;

/**
 * What one {@link Checks} call in a spec's constructor declares about an option: its range or
 * allowed values, its default, whether it is required. {@code gantrack plugins} and {@code gantrack
 * schema} read these by constructing a spec under {@link Checks#recording}, so the check a spec
 * applies and the rule users see are one and the same.
 *
 * @param option the option's path relative to the spec, as passed to the check
 * @param min the smallest value allowed (ranges), else null
 * @param max the largest value allowed (ranges), else null
 * @param wholeNumber true when the option is a whole number
 * @param allowed the values allowed (choices), else empty
 * @param defaultValue the value used when the option is not given, or null when it has none
 * @param required true when the spec cannot do without the option
 */
@PublicApi
public record OptionRule(
    String option, Number min, Number max, boolean wholeNumber, List<String> allowed, Object defaultValue,
    boolean required) {
  public OptionRule {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }
}
