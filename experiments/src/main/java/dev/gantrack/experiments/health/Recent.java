package dev.gantrack.experiments.health;

import dev.gantrack.api.health.LoggedValue;
import dev.gantrack.api.health.Signals;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/** The latest logged values of one signal, as the rules read them. */
record Recent(String name, List<LoggedValue> values) {
  /** The latest {@code n} values of {@code name}. */
  static Recent of(Signals signals, String name, int n) {
    return new Recent(name, signals.latest(name, n));
  }

  /** True when there are {@code n} values and every one passes {@code test}. */
  boolean all(int n, DoublePredicate test) {
    return values.size() >= n && values.stream().allMatch(v -> test.test(v.value()));
  }

  double[] doubles() {
    return values.stream().mapToDouble(LoggedValue::value).toArray();
  }

  double median() {
    return new Median().evaluate(doubles());
  }

  double last() {
    return values.get(values.size() - 1).value();
  }

  long firstStep() {
    return values.get(0).step();
  }

  long lastStep() {
    return values.get(values.size() - 1).step();
  }

  /** A value as warnings show it: 3 decimals, or 3 significant digits when small. */
  static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 0.01 || v == 0 ? "%.3f" : "%.3g", v);
  }
}
