package dev.gantrack.experiments.health;

import dev.gantrack.api.health.LoggedValue;
import java.util.List;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A trend of logged values that noise does not fake: Kendall's rank correlation τ between step and
 * value (1 when every later value is higher; with 10 values τ ≥ 0.6 happens by chance with
 * probability below 1 % when there is no trend), and the Theil–Sen slope, the median of the slopes
 * between every pair of values, which a few outliers do not move.
 *
 * @param tau Kendall's τ_b of value against step
 * @param slope the Theil–Sen slope, value per step
 */
record Trend(double tau, double slope) {
  /** The trend of {@code values}: at least two, of distinct steps. */
  static Trend of(List<LoggedValue> values) {
    int n = values.size();
    double[] steps = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = values.get(i).step();
      ys[i] = values.get(i).value();
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes[k++] = (ys[j] - ys[i]) / (steps[j] - steps[i]);
      }
    }
    double tau = new KendallsCorrelation().correlation(steps, ys);
    return new Trend(Double.isNaN(tau) ? 0 : tau, new Median().evaluate(slopes));
  }
}
