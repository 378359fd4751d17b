package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.djl.eval.maths.FrechetDistance;
import dev.gantrack.djl.eval.maths.Gaussian;
import dev.gantrack.djl.eval.stats.RunFeatures;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.util.Map;

/**
 * Metric {@code fid} (Heusel et al. 2017): the Fréchet distance between Gaussians fitted to the
 * feature extractor's features of {@code samples} generated samples and of the real data (all of it,
 * up to 50,000 examples; cached). Logs {@code fid} (lower is better; 0 for identical statistics).
 * Comparable only between runs with the same extractor, weights and sample count (FID is biased
 * upwards for fewer samples).
 *
 * @param samples generated samples per evaluation (default 10,000)
 * @param every steps between evaluations, 0 for only at the end
 */
public record FidMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") int every)
    implements MetricSpec, DjlMetricSpec {
  /** The name in experiment files. */
  public static final String TYPE = "fid";

  @JsonCreator
  public FidMetric {
    samples = Checks.range("samples", samples, 10_000, 2, 10_000_000);
    every = Checks.range("every", every, 0, 0, Integer.MAX_VALUE);
  }

  @Override
  @JsonProperty("samples")
  @JsonPropertyDescription("generated samples per evaluation")
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
    RunFeatures features = run.get(RunFeatures.class);
    int reference = RunFeatures.referenceSize(run.get(DataSource.class));
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws java.io.IOException {
        Gaussian real = features.referenceGaussian(e);
        Gaussian fake = Gaussian.fit(features.generated(e, samples).features(e.manager()));
        return Map.of("fid", FrechetDistance.between(fake, real));
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("fid (Heusel et al. 2017; Fréchet distance, square root by EJML's symmetric eigendecomposition)",
            samples, reference, features.extractor(), Map.of());
      }
    };
  }
}
