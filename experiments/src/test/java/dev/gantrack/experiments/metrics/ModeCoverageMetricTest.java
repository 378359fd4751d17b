package dev.gantrack.experiments.metrics;

import dev.gantrack.api.PluginContext;

import dev.gantrack.trackers.TestRunServices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.HostMetricSpec;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.experiments.data.GridDataset;
import dev.gantrack.experiments.data.RingDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeCoverageMetricTest {
  @TempDir Path runDir;

  private static final RunServices CTX = dev.gantrack.trackers.TestRunServices.at(Path.of("."));

  /** The default ring's mode k, written out independently. */
  private static double[] ringMean(int k) {
    double a = Math.PI / 4 * k;
    return new double[] {Math.cos(a), Math.sin(a)};
  }

  /** Collects hand-built points; {@link #generate} hands them out. */
  private static final class Points {
    final List<float[]> list = new ArrayList<>();

    /** {@code n} points at distance {@code r} from {@code mean}, at spread-out angles. */
    Points near(double[] mean, double r, int n) {
      for (int i = 0; i < n; i++) {
        double a = 2 * Math.PI * i / n + 0.3;
        list.add(new float[] {(float) (mean[0] + r * Math.cos(a)), (float) (mean[1] + r * Math.sin(a))});
      }
      return this;
    }

    Points at(double x, double y, int n) {
      for (int i = 0; i < n; i++) {
        list.add(new float[] {(float) x, (float) y});
      }
      return this;
    }

    float[] flat() {
      float[] f = new float[2 * list.size()];
      for (int i = 0; i < list.size(); i++) {
        f[2 * i] = list.get(i)[0];
        f[2 * i + 1] = list.get(i)[1];
      }
      return f;
    }
  }

  private Map<String, Double> evaluate(HostMetricSpec spec, DataSource data, float[] points, long step)
      throws Exception {
    Metric metric = spec.create(CTX);
    return metric.evaluate(new Metric.Context() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public void generated(int n, int batchSize, Metric.Batches batches) throws java.io.IOException {
        assertEquals(points.length / 2, n, "the metric asks for `samples` points");
        // in batches of 3 points, as a backend hands them out (the last one partial)
        float[] x = new float[2 * 3];
        for (int from = 0; from < n; from += 3) {
          int count = Math.min(3, n - from);
          float[] batch = count == 3 ? x : new float[2 * count];
          System.arraycopy(points, 2 * from, batch, 0, 2 * count);
          batches.accept(batch, null, count);
        }
      }

      @Override
      public void real(int limit, int batchSize, Metric.Batches batches) {
        throw new AssertionError("mode-coverage reads the modes, not real examples");
      }

      @Override
      public DataSource data() {
        return data;
      }

      @Override
      public Path runDirectory() {
        return runDir;
      }
    });
  }

  /** KL(q‖uniform over k modes) of the histogram {@code counts}, straight from the definition. */
  private static double reverseKl(int modes, int... counts) {
    double total = 0;
    for (int c : counts) {
      total += c;
    }
    double kl = 0;
    for (int c : counts) {
      if (c > 0) {
        double q = c / total;
        kl += q * Math.log(q / (1.0 / modes));
      }
    }
    return kl;
  }

  @Test
  void allEightRingModesCapturedWithUnevenCountsAndSomeJunk() throws Exception {
    // mode k gets k+1 points 0.02 from its mean (inside 3σ = 0.03); 20 junk points at the origin
    Points p = new Points();
    int[] counts = new int[8];
    for (int k = 0; k < 8; k++) {
      counts[k] = k + 1;
      p.near(ringMean(k), 0.02, k + 1);
    }
    p.at(0, 0, 20);
    float[] points = p.flat(); // 36 good + 20 junk = 56
    Map<String, Double> result =
        evaluate(new ModeCoverageMetric(56, null), new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), points, 7);
    assertEquals(8.0, result.get("modes_captured"));
    assertEquals(100.0 * 36 / 56, result.get("high_quality_pct"), 1e-9);
    assertEquals(reverseKl(8, counts), result.get("reverse_kl"), 1e-12);
    assertTrue(result.get("reverse_kl") > 0);
  }

  @Test
  void evenlySpreadGoodPointsOnAllModesGiveZeroReverseKl() throws Exception {
    Points p = new Points();
    for (int k = 0; k < 8; k++) {
      p.near(ringMean(k), 0.005, 5);
    }
    Map<String, Double> result =
        evaluate(new ModeCoverageMetric(40, null), new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), p.flat(), 0);
    assertEquals(Map.of("modes_captured", 8.0, "high_quality_pct", 100.0, "reverse_kl", 0.0), result);
  }

  @Test
  void onlyThreeModesCapturedWhenPointsJustOutside3SigmaDoNotCount() throws Exception {
    // modes 0, 2, 5 get 5, 10, 15 good points; modes 1 and 7 only get points 0.035 away
    // (nearest to them, but beyond 3σ = 0.03), which are not high-quality and capture nothing
    Points p = new Points()
        .near(ringMean(0), 0.01, 5)
        .near(ringMean(2), 0.025, 10)
        .near(ringMean(5), 0.0, 15)
        .near(ringMean(1), 0.035, 6)
        .near(ringMean(7), 0.035, 4);
    Map<String, Double> result =
        evaluate(new ModeCoverageMetric(40, null), new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), p.flat(), 1);
    assertEquals(3.0, result.get("modes_captured"));
    assertEquals(75.0, result.get("high_quality_pct"), 1e-9);
    assertEquals(reverseKl(8, 5, 0, 10, 0, 0, 15, 0, 0), result.get("reverse_kl"), 1e-12);
    // = (1/6)log(8/6) + (1/3)log(8/3) + (1/2)log(4)
    double byHand = Math.log(8.0 / 6) / 6 + Math.log(8.0 / 3) / 3 + Math.log(4) / 2;
    assertEquals(byHand, result.get("reverse_kl"), 1e-12);
  }

  @Test
  void allJunkCapturesNothingAndHasNoReverseKl() throws Exception {
    Points p = new Points().at(0, 0, 10).at(5, 5, 10).near(ringMean(3), 0.5, 10);
    Map<String, Double> result =
        evaluate(new ModeCoverageMetric(30, null), new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), p.flat(), 2);
    assertEquals(0.0, result.get("modes_captured"));
    assertEquals(0.0, result.get("high_quality_pct"));
    assertTrue(result.get("reverse_kl").isNaN(), "q is undefined without high-quality points");
  }

  @Test
  void gridWithOneModeHoldingEveryGoodPointHasReverseKlLog25() throws Exception {
    // σ = 0.05, so 3σ = 0.15: 12 points 0.1 from (2, -4); 4 points halfway between modes
    Points p = new Points().near(new double[] {2, -4}, 0.1, 12).at(1, 1, 4);
    Map<String, Double> result =
        evaluate(new ModeCoverageMetric(16, null), new GridDataset(null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), p.flat(), 3);
    assertEquals(1.0, result.get("modes_captured"));
    assertEquals(75.0, result.get("high_quality_pct"), 1e-9);
    assertEquals(Math.log(25), result.get("reverse_kl"), 1e-12);
  }

  @Test
  void scoredPointsAreWrittenToAZeroPaddedCsvPerStep() throws Exception {
    Points p = new Points().at(0.25, -1.5, 1).at(1e-5, 3, 1).near(ringMean(4), 0.01, 2);
    float[] points = p.flat();
    evaluate(new ModeCoverageMetric(4, 100), new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of("."))), points, 1234);
    Path csv = runDir.resolve("samples/step-001234.csv");
    List<String> lines = Files.readAllLines(csv);
    assertEquals(5, lines.size());
    assertEquals("x,y", lines.get(0));
    assertEquals("0.25,-1.5", lines.get(1));
    for (int i = 0; i < 4; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(2, cells.length);
      assertEquals(points[2 * i], Float.parseFloat(cells[0]));
      assertEquals(points[2 * i + 1], Float.parseFloat(cells[1]));
    }
  }

  @Test
  void dataThatIsNotARingOrGridIsAClearError() {
    DataSource images = new DataSource() {
      @Override
      public DataShape shape() {
        return new DataShape(new int[] {1, 28, 28}, 10, 100);
      }

      @Override
      public void batch(SplittableRandom random, int n, float[] x, int[] labels) {}
    };
    IllegalStateException e = assertThrows(
        IllegalStateException.class,
        () -> evaluate(new ModeCoverageMetric(1, null), images, new float[2], 0));
    assertEquals("mode-coverage needs a ring or grid dataset", e.getMessage());
  }

  @Test
  void samplesThatAreNotTwoDimensionalAreAClearError() {
    Metric metric = new ModeCoverageMetric(3, null).create(CTX);
    DataSource ring = new RingDataset(null, null).open(dev.gantrack.api.PluginContext.at(Path.of(".")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> metric.evaluate(
        new Metric.Context() {
          @Override
          public long step() {
            return 0;
          }

          @Override
          public void generated(int n, int batchSize, Metric.Batches batches) throws java.io.IOException {
            batches.accept(new float[3 * n], null, n);
          }

          @Override
          public void real(int limit, int batchSize, Metric.Batches batches) {
            throw new AssertionError("not read");
          }

          @Override
          public DataSource data() {
            return ring;
          }

          @Override
          public Path runDirectory() {
            return runDir;
          }
        }));
    assertTrue(e.getMessage().startsWith("mode-coverage needs 2-D samples"), e.getMessage());
  }

  @Test
  void specIsBuiltFromAnEmptyObjectAndRoundTripsWithDefaults() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerSubtypes(new NamedType(ModeCoverageMetric.class, ModeCoverageMetric.TYPE));
    MetricSpec spec = mapper.readValue("{\"type\":\"mode-coverage\"}", MetricSpec.class);
    assertEquals(new ModeCoverageMetric(2500, 0), spec);
    assertEquals(0, spec.every());
    String json = mapper.writeValueAsString(spec);
    assertEquals(
        mapper.readTree("{\"type\":\"mode-coverage\",\"samples\":2500,\"every\":0}"), mapper.readTree(json));
    assertEquals(spec, mapper.readValue(json, MetricSpec.class));
    MetricSpec custom = new ModeCoverageMetric(500, 1000);
    assertEquals(custom, mapper.readValue(mapper.writeValueAsString(custom), MetricSpec.class));
  }

  @Test
  void optionsAreChecked() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ModeCoverageMetric(0, null))
            .getMessage()
            .startsWith("samples: 0 is out of range"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ModeCoverageMetric(null, -1))
            .getMessage()
            .startsWith("every: -1 is out of range"));
  }

  @Test
  void pluginRegistersModeCoverageAsAMetric() {
    List<PluginType> types = new MetricsPlugin().types();
    assertEquals(List.of("metric/mode-coverage"), types.stream().map(PluginType::key).toList());
    assertEquals(PluginKind.METRIC, types.get(0).kind());
  }
}
