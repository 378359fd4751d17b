package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.djl.eval.maths.ClassHistogram;
import dev.gantrack.djl.eval.stats.RunFeatures;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Metric {@code mode-count}, Stacked MNIST's measure of mode collapse (Metz et al. 2017; PacGAN, Lin
 * et al. 2018): each of {@code samples} generated samples (26,000 by default, as PacGAN) is assigned
 * the mode its channels' digits make, as the {@code mnist-classifier} extractor classifies each channel
 * (1,000 modes for three channels); logs {@code modes_captured} (modes with at least one sample) and
 * {@code mode_kl} (KL of the mode histogram to uniform). PacGAN reports DCGAN at 99 modes and KL 3.40,
 * PacDCGAN2 at 1,000 and 0.06 (on its own classifier, so compare trends, not digits).
 */
public record ModeCountMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") int every)
    implements MetricSpec, DjlMetricSpec {
  /** The name in experiment files. */
  public static final String TYPE = "mode-count";
  private static final int BATCH = 500;

  @JsonCreator
  public ModeCountMetric {
    samples = Checks.range("samples", samples, 26_000, 1, 10_000_000);
    every = Checks.range("every", every, 0, 0, Integer.MAX_VALUE);
  }

  @Override
  @JsonProperty("samples")
  @JsonPropertyDescription("generated samples per evaluation (PacGAN: 26,000)")
  public Integer samples() {
    return samples;
  }

  @Override
  @JsonProperty("every")
  @JsonPropertyDescription("steps between evaluations; 0 evaluates only at the end of the run")
  public int every() {
    return every;
  }

  @Override
  public Metric create(RunServices run) {
    DjlFeatureExtractorSpec.FeatureExtractor extractor = ClassifyingExtractor.require(run, TYPE).extractor();
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        ClassHistogram modes = new ClassHistogram(extractor.classes());
        e.generated(samples, BATCH, (x, labels) -> {
          for (long mode : extractor.extract(x).probabilities().argMax(1).toLongArray()) {
            modes.add((int) mode, true);
          }
        });
        return Map.of("modes_captured", (double) modes.seen(), "mode_kl", modes.klToUniform());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("mode-count (Stacked MNIST, PacGAN: arg max mode per sample; KL to uniform)", samples, 0,
            extractor, Map.of("modes", Integer.toString(extractor.classes())));
      }
    };
  }
}
