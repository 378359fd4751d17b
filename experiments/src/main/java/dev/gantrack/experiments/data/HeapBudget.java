package dev.gantrack.experiments.data;

import java.util.Locale;

/**
 * How many bytes of examples a dataset may hold in memory: one Java array, and at most half of
 * this JVM's heap (the rest is the run's). Datasets check a declared size against it before they
 * allocate or read anything, so a header claiming billions of examples fails at once.
 */
final class HeapBudget {
  /** The largest byte array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  private HeapBudget() {}

  /** The most bytes of examples a dataset may load. */
  static long bytes() {
    return Math.min(MAX_ARRAY, Runtime.getRuntime().maxMemory() / 2);
  }

  /** Whether {@code bytes} (held {@code copies} times while loading) fit in the budget. */
  static boolean fits(long bytes, int copies) {
    return bytes <= bytes() / copies;
  }

  /** Says what the budget is, for messages: "at most 2,147,483,631 bytes: half of this JVM's 4,096 MB heap". */
  static String explain(int copies) {
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    String limit = bytes() == MAX_ARRAY ? "one Java array" : String.format(Locale.ROOT, "half of this JVM's %,d MB heap", heapMb);
    String held = copies > 1 ? ", held " + copies + " times while loading" : "";
    return String.format(Locale.ROOT, "gantrack holds at most %,d bytes of examples (%s%s)", bytes() / copies, limit, held);
  }

  /** {@code n} with thousands separators. */
  static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
