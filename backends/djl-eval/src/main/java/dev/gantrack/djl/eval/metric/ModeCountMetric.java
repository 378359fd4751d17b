package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.ClassHistogram;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Metric {@code mode-count}, Stacked MNIST's measure of mode collapse (Metz et al. 2017; PacGAN, Lin
 * et al. 2018): each of {@code samples} generated samples (26,000 by default, as PacGAN) is assigned
 * the mode its channels' digits make, as the {@code mnist-classifier} extractor classifies each channel
 * (1,000 modes for three channels); logs {@code modes_captured} (modes with at least one sample) and
 * {@code mode_kl} (KL of the mode histogram to uniform). PacGAN reports DCGAN at 99 modes and KL 3.40,
 * PacDCGAN2 at 1,000 and 0.06 (on its own classifier, so compare trends, not digits).
 */
public final class ModeCountMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "mode-count";
  private static final int BATCH = 500;


  @JsonCreator
  public ModeCountMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every) {
    super(samples, every, 26_000, 1);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(samples(), every());
  }

  @Override
  public Metric create(RunServices run) {
    DjlFeatureExtractorSpec.FeatureExtractor extractor = ClassifyingExtractor.require(run, TYPE).extractor();
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        ClassHistogram modes = new ClassHistogram(extractor.classes());
        e.generated(samples(), BATCH, (x, labels) -> {
          for (long mode : extractor.extract(x).probabilities().argMax(1).toLongArray()) {
            modes.add((int) mode, true);
          }
        });
        return Map.of("modes_captured", (double) modes.seen(), "mode_kl", modes.klToUniform());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("mode-count (Stacked MNIST, PacGAN: arg max mode per sample; KL to uniform)", samples(), 0,
            extractor, Map.of("modes", Integer.toString(extractor.classes())));
      }
    };
  }
}
