package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.FrechetDistance;
import dev.gantrack.djl.eval.maths.Gaussian;
import dev.gantrack.djl.eval.stats.RunFeatures;
import java.util.List;
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
public final class FidMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "fid";


  @JsonCreator
  public FidMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every) {
    super(samples, every, 10_000, 2);
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
    RunFeatures features = run.get(RunFeatures.class);
    int reference = RunFeatures.referenceSize(run.get(DataSource.class));
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws java.io.IOException {
        Gaussian real = features.referenceGaussian(e);
        Gaussian fake = Gaussian.fit(features.generated(e, samples()).features(e.manager()));
        return Map.of("fid", FrechetDistance.between(fake, real));
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("fid (Heusel et al. 2017; Fréchet distance, square root by EJML's symmetric eigendecomposition)",
            samples(), reference, features.extractor(), Map.of());
      }
    };
  }
}
