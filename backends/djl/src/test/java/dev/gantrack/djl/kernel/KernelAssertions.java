package dev.gantrack.djl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel tests' comparison of a result with its oracle. */
final class KernelAssertions {
  /** Float rounding of a few hundred multiply-adds, relative to the result's largest value (at least 1). */
  static final float TOLERANCE = 2e-5f;

  private KernelAssertions() {}

  /** {@code actual} equals {@code expected} within {@link #TOLERANCE}; {@code expected} is not all near zero. */
  static void assertClose(String what, float[] expected, float[] actual) {
    assertClose(what, expected, actual, TOLERANCE);
  }

  /** {@code actual} equals {@code expected} within {@code tolerance} relative to the largest value (at least 1). */
  static void assertClose(String what, float[] expected, float[] actual, float tolerance) {
    assertEquals(expected.length, actual.length, what + ": length");
    double max = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(scale > 0.1, what + ": a result large enough to compare (" + scale + ")");
    assertTrue(max <= tolerance * Math.max(1, scale), what + ": max abs difference " + max + " (scale " + scale + ")");
  }
}
