package dev.gantrack.trackers.mlflow;


import dev.gantrack.api.track.Tracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metric points a test logged, and the check that the server has each of them exactly once. */
final class Recorded {
  private final Map<String, Map<Long, Double>> points = new LinkedHashMap<>();

  /** Logs {@code values} at {@code step} to {@code tracker} and remembers them. */
  void log(Tracker tracker, long step, Map<String, Double> values) {
    tracker.onMetrics(step, values);
    values.forEach((k, v) -> {
      Double old = points.computeIfAbsent(k, x -> new TreeMap<>()).put(step, v);
      if (old != null) {
        throw new IllegalStateException("test logs " + k + " twice at step " + step);
      }
    });
  }

  /** The usual GAN scalars at {@code step}, with NaN and +-Infinity now and then. */
  static Map<String, Double> scalars(long step, List<String> keys) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      double v = Math.sin(step * 0.1 + i) * (i + 1);
      if (step % 97 == 13 && i == 0) {
        v = Double.NaN;
      } else if (step % 101 == 7 && i == 1) {
        v = Double.POSITIVE_INFINITY;
      } else if (step % 89 == 5 && i == 2) {
        v = Double.NEGATIVE_INFINITY;
      }
      m.put(keys.get(i), v);
    }
    return m;
  }

  int count() {
    return points.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * Asserts every logged point is on the server exactly once, under its MLflow key ({@code
   * mlflowKey} maps an original key to it).
   */
  void assertExactlyOnce(MlflowReadBack run, Map<String, String> mlflowKey) throws Exception {
    run.assertHoldsExactlyOnce(points, mlflowKey);
  }

}
