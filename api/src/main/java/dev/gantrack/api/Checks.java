package dev.gantrack.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Option checks for spec constructors: each returns the value (or its default when absent) or
 * throws {@link InvalidOptionException} naming the option and what is allowed. gantrack prefixes
 * the option with the file and the spec's path.
 *
 * <p>Each call is also the option's declaration: pass every option through one call, even when it
 * is optional ({@link #optionalRange}, {@link #optionalOneOf}), and {@code gantrack plugins} and
 * {@code gantrack schema} show its range, choices, default and whether it is required, as recorded
 * by {@link #recording}.
 */
@PublicApi
public final class Checks {
  private static final ThreadLocal<List<OptionRule>> RECORDED = new ThreadLocal<>();

  private Checks() {}

  /** {@code value} (or {@code dflt} when null) if within [min, max]. */
  public static int range(String option, Integer value, int dflt, int min, int max) {
    record(new OptionRule(option, min, max, true, null, dflt, false));
    int v = value == null ? dflt : value;
    if (v < min || v > max) {
      throw new InvalidOptionException(option, v + " is out of range; allowed " + min + " to " + max);
    }
    return v;
  }

  /** {@code value} (or {@code dflt} when null) if finite and within [min, max]. */
  public static double range(String option, Double value, double dflt, double min, double max) {
    record(new OptionRule(option, min, max, false, null, dflt, false));
    double v = value == null ? dflt : value;
    if (!Double.isFinite(v) || v < min || v > max) {
      throw new InvalidOptionException(option, v + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
    }
    return v;
  }

  /** {@code value} if null (left unset, to be filled later) or within [min, max]. */
  public static Integer optionalRange(String option, Integer value, int min, int max) {
    record(new OptionRule(option, min, max, true, null, null, false));
    if (value != null && (value < min || value > max)) {
      throw new InvalidOptionException(option, value + " is out of range; allowed " + min + " to " + max);
    }
    return value;
  }

  /** {@code value} if null (left unset, to be filled later) or finite and within [min, max]. */
  public static Double optionalRange(String option, Double value, double min, double max) {
    record(new OptionRule(option, min, max, false, null, null, false));
    if (value != null && (!Double.isFinite(value) || value < min || value > max)) {
      throw new InvalidOptionException(option, value + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
    }
    return value;
  }

  /** {@code value} (or {@code dflt} when null) if it is one of {@code allowed}. */
  public static String oneOf(String option, String value, String dflt, Collection<String> allowed) {
    record(new OptionRule(option, null, null, false, List.copyOf(allowed), dflt, false));
    String v = value == null ? dflt : value;
    if (!allowed.contains(v)) {
      throw new InvalidOptionException(option, "'" + v + "' is not allowed; allowed: " + String.join(", ", allowed));
    }
    return v;
  }

  /** {@code value} if null (left unset, to be filled later) or one of {@code allowed}. */
  public static String optionalOneOf(String option, String value, Collection<String> allowed) {
    record(new OptionRule(option, null, null, false, List.copyOf(allowed), null, false));
    if (value != null && !allowed.contains(value)) {
      throw new InvalidOptionException(option, "'" + value + "' is not allowed; allowed: " + String.join(", ", allowed));
    }
    return value;
  }

  /** {@code value} if not null, else an error saying the option is required. */
  public static <T> T required(String option, T value) {
    record(new OptionRule(option, null, null, false, null, null, true));
    if (value == null) {
      throw new InvalidOptionException(option, "required");
    }
    return value;
  }

  /**
   * Runs {@code construct} (typically a spec's constructor) and adds the rule of every check it
   * makes to {@code rules}, in call order; the construction's result or exception passes through.
   * Recording is per thread; nested recordings each see their own checks.
   */
  public static <T> T recording(Supplier<T> construct, List<OptionRule> rules) {
    List<OptionRule> outer = RECORDED.get();
    List<OptionRule> mine = new ArrayList<>();
    RECORDED.set(mine);
    try {
      return construct.get();
    } finally {
      rules.addAll(mine);
      if (outer == null) {
        RECORDED.remove();
      } else {
        outer.addAll(mine);
        RECORDED.set(outer);
      }
    }
  }

  private static void record(OptionRule rule) {
    List<OptionRule> rules = RECORDED.get();
    if (rules != null) {
      rules.add(rule);
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
