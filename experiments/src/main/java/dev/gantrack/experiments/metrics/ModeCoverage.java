package dev.gantrack.experiments.metrics;

import dev.gantrack.api.track.Metric;
import dev.gantrack.experiments.data.ModeMixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runtime of {@link ModeCoverageMetric} for one run. */
final class ModeCoverage implements Metric {
  /** A point is high-quality when closer than this many σ to its nearest mean. */
  static final double THRESHOLD_SIGMAS = 3;

  /** Samples drawn per batch. */
  static final int BATCH = 512;

  private final int samples;

  ModeCoverage(int samples) {
    this.samples = samples;
  }

  @Override
  public Map<String, String> provenance() {
    return Map.of("implementation", "mode-coverage (PacGAN, Lin et al. 2018: nearest mode within 3 sigma)",
        "samples", Integer.toString(samples));
  }

  @Override
  public Map<String, Double> evaluate(Context context) throws IOException {
    if (!(context.data() instanceof ModeMixture mixture)) {
      throw new IllegalStateException("mode-coverage needs a ring or grid dataset");
    }
    double[][] means = mixture.means();
    if (means.length == 0 || means[0].length != 2) {
      throw new IllegalStateException("mode-coverage needs a ring or grid dataset (2-D modes)");
    }
    float[] points = new float[2 * samples];
    int[] filled = {0};
    context.generated(samples, BATCH, (x, labels, count) -> {
      if (x.length != 2 * count) {
        throw new IllegalStateException("mode-coverage needs 2-D samples; the generator gave " + x.length
            + " floats for " + count + " samples");
      }
      System.arraycopy(x, 0, points, 2 * filled[0], x.length);
      filled[0] += count;
    });
    writeCsv(context.runDirectory(), context.step(), points);
    return score(points, means, mixture.sigma());
  }

  /** The three numbers for row-major 2-D {@code points}; see {@link ModeCoverageMetric}. */
  static Map<String, Double> score(float[] points, double[][] means, double sigma) {
    int n = points.length / 2;
    int modes = means.length;
    double threshold = THRESHOLD_SIGMAS * sigma;
    long[] counts = new long[modes];
    long highQuality = 0;
    for (int i = 0; i < n; i++) {
      double x = points[2 * i];
      double y = points[2 * i + 1];
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < modes; k++) {
        double dx = x - means[k][0];
        double dy = y - means[k][1];
        double d = dx * dx + dy * dy;
        if (d < best) {
          best = d;
          nearest = k;
        }
      }
      if (nearest >= 0 && Math.sqrt(best) < threshold) {
        counts[nearest]++;
        highQuality++;
      }
    }
    int captured = 0;
    double kl = 0;
    for (long c : counts) {
      if (c > 0) {
        captured++;
        double q = (double) c / highQuality;
        kl += q * Math.log(q * modes);
      }
    }
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("modes_captured", (double) captured);
    result.put("high_quality_pct", n == 0 ? 0 : 100.0 * highQuality / n);
    result.put("reverse_kl", highQuality == 0 ? Double.NaN : kl);
    return Collections.unmodifiableMap(result);
  }

  private static void writeCsv(Path runDirectory, long step, float[] points) throws IOException {
    Path dir = runDirectory.resolve("samples");
    Files.createDirectories(dir);
    Path file = dir.resolve(String.format("step-%06d.csv", step));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("x,y\n");
      for (int i = 0; i + 1 < points.length; i += 2) {
        w.write(Float.toString(points[i]));
        w.write(',');
        w.write(Float.toString(points[i + 1]));
        w.write('\n');
      }
    }
  }
}
