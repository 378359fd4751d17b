package dev.gantrack.api;

import java.util.Collection;
import java.util.Locale;

/**
 * Option checks for spec constructors: each returns the value (or its default when absent) or
 * throws {@link IllegalArgumentException} with a message naming the option and what is allowed.
 * gantrack prefixes the message with the file and the option's path.
 */
@PublicApi
public final class Checks {
  private Checks() {}

  /** {@code value} (or {@code dflt} when null) if within [min, max]. */
  public static int range(String option, Integer value, int dflt, int min, int max) {
    int v = value == null ? dflt : value;
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          option + ": " + v + " is out of range; allowed " + min + " to " + max);
    }
    return v;
  }

  /** {@code value} (or {@code dflt} when null) if finite and within [min, max]. */
  public static double range(String option, Double value, double dflt, double min, double max) {
    double v = value == null ? dflt : value;
    if (!Double.isFinite(v) || v < min || v > max) {
      throw new IllegalArgumentException(
          option + ": " + v + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
    }
    return v;
  }

  /** {@code value} (or {@code dflt} when null) if it is one of {@code allowed}. */
  public static String oneOf(String option, String value, String dflt, Collection<String> allowed) {
    String v = value == null ? dflt : value;
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(
          option + ": '" + v + "' is not allowed; allowed: " + String.join(", ", allowed));
    }
    return v;
  }

  /** {@code value} if not null, else an error saying the option is required. */
  public static <T> T required(String option, T value) {
    if (value == null) {
      throw new IllegalArgumentException(option + ": required");
    }
    return value;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
