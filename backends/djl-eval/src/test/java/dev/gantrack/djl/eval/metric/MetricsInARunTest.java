package dev.gantrack.djl.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.FeatureExtractorSpec;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.eval.ShippedDigits;
import dev.gantrack.djl.eval.extractor.MnistClassifierExtractor;
import dev.gantrack.djl.train.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in metric in a real DJL run on the shipped digits (a DCGAN trained for two steps, so
 * its samples are noise-like): each is evaluated at its cadence and at the end through the run's
 * tracker, sharing the one feature extractor, with values in their ranges and provenance recorded;
 * the real data's reference features are cached beside the data and read back by the next run.
 */
@Tag("slow")
class MetricsInARunTest {
  @TempDir Path tmp;

  /** Every metric value a run's tracker received, by step. */
  static final class Recorder implements Tracker {
    final Map<Long, Map<String, Double>> byStep = new ConcurrentHashMap<>();

    @Override
    public void onMetrics(long step, Map<String, Double> metrics) {
      byStep.computeIfAbsent(step, s -> new TreeMap<>()).putAll(metrics);
    }
  }

  static Experiment experiment(ShippedDigits data, List<MetricSpec> metrics, FeatureExtractorSpec extractor) {
    return new Experiment("metrics", null, "djl", "cpu", 3L, data, new DcganGenerator(16, 16, 2, null, null, null, null),
        new DcganDiscriminator(8, 2, null, null, null, null), new NonSaturatingLoss(), null, new NoLabelSmoothing(),
        new NormalLatent(null), null, new SeparateOptimizers(null, null, 1), null,
        new TrainingSpec(2, 16, 1, 0, 2, 0, 0, 0.0), metrics, List.of(), List.of(), extractor);
  }

  private static Map<Long, Map<String, Double>> train(Experiment e, ShippedDigits data, Path runDir, Map<String, String> provenance)
      throws Exception {
    Recorder recorder = new Recorder();
    try (TestRun run = TestRun.of(e, data, runDir, recorder)) {
      provenance.putAll(run.trainer().provenance());
      run.trainer().run();
    }
    return recorder.byStep;
  }

  @Test
  void everyMetricLogsItsValuesAtItsCadenceAndTheEndWithItsProvenance() throws Exception {
    ShippedDigits data = new ShippedDigits(2000, tmp.resolve("data"));
    Files.createDirectories(data.home());
    List<MetricSpec> metrics = List.of(new FidMetric(400, 1), new KidMetric(400, 0, 10, 200),
        new InceptionScoreMetric(400, 0, 4), new PrecisionRecallMetric(400, 0, 3), new ClassCoverageMetric(400, 0, 0.9),
        new DiversityMetric(50, 0));
    Map<String, String> provenance = new TreeMap<>();
    Map<Long, Map<String, Double>> values = train(experiment(data, metrics, new MnistClassifierExtractor(null)), data,
        tmp.resolve("run"), provenance);
    assertTrue(values.get(1L).containsKey("fid") && !values.get(1L).containsKey("kid"), "only fid every step: " + values);
    Map<String, Double> end = values.get(2L);
    for (String key : List.of("fid", "kid", "kid_std", "is", "is_std", "precision", "recall", "classes_seen", "class_kl",
        "recognised_pct", "classes_recognised", "ms_ssim", "ms_ssim_real", "perceptual_distance", "perceptual_distance_real")) {
      assertTrue(end.containsKey(key) && Double.isFinite(end.get(key)), key + " in " + end);
    }
    assertTrue(end.get("fid") > 0, end.toString());
    assertTrue(end.get("is") >= 1 && end.get("is") <= 10, end.toString());
    assertTrue(end.get("precision") >= 0 && end.get("recall") <= 1, end.toString());
    assertTrue(end.get("classes_seen") >= 1 && end.get("classes_seen") <= 10, end.toString());
    assertTrue(end.get("ms_ssim") >= 0 && end.get("ms_ssim") <= 1 && end.get("ms_ssim_real") <= 1, end.toString());
    assertEquals("400", provenance.get("gantrack.metrics.0.samples"));
    assertEquals("mnist-classifier", provenance.get("gantrack.metrics.0.extractor"));
    assertEquals("2000", provenance.get("gantrack.metrics.0.reference_samples"));
    assertEquals(provenance.get("gantrack.feature-extractor.sha256"), provenance.get("gantrack.metrics.1.extractor_sha256"));
    assertTrue(provenance.get("gantrack.metrics.1.implementation").startsWith("kid (Bińkowski"), provenance.toString());
    assertEquals("10", provenance.get("gantrack.metrics.1.subsets"));
  }

  @Test
  void referenceFeaturesAreCachedBesideTheDataReadBackAndRecomputedWhenStale() throws Exception {
    ShippedDigits data = new ShippedDigits(1000, tmp.resolve("data"));
    Files.createDirectories(data.home());
    Experiment e = experiment(data, List.of(new FidMetric(200, 0)), new MnistClassifierExtractor(null));
    double first = train(e, data, tmp.resolve("run1"), new TreeMap<>()).get(2L).get("fid");
    Path cache = onlyFile(data.home().resolve(".gantrack-cache"));
    long written = Files.getLastModifiedTime(cache).toMillis();
    Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    double second = train(e, data, tmp.resolve("run2"), new TreeMap<>()).get(2L).get("fid");
    assertEquals(first, second, 1e-9, "the same seed and the cached reference give the same FID");
    assertEquals(written - 60_000, Files.getLastModifiedTime(cache).toMillis(), "the cache was read, not rewritten");
    Files.write(cache, new byte[] {1, 2, 3}); // damaged: stale
    double third = train(e, data, tmp.resolve("run3"), new TreeMap<>()).get(2L).get("fid");
    assertEquals(first, third, 1e-9);
    assertTrue(Files.size(cache) > 1000 * 128 * 4, "rewritten whole");
    ShippedDigits other = new ShippedDigits(900, data.home());
    train(experiment(other, List.of(new FidMetric(200, 0)), new MnistClassifierExtractor(null)), other, tmp.resolve("run4"),
        new TreeMap<>());
    try (Stream<Path> files = Files.list(data.home().resolve(".gantrack-cache"))) {
      assertEquals(2, files.count(), "other data: a cache file of its own");
    }
  }

  private static Path onlyFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }
}
