package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.KernelDistance;
import dev.gantrack.djl.eval.stats.RunFeatures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Metric {@code kid} (Bińkowski et al. 2018): the unbiased polynomial-kernel MMD² between the features
 * of {@code samples} generated samples and of the real data, over {@code subsets} random subsets of
 * {@code subset-size} each (see {@link KernelDistance}; torch-fidelity's defaults). Logs {@code kid}
 * (the mean; unbiased, so it may be slightly negative when the two match) and {@code kid_std} (the
 * standard deviation over subsets). Subsets are drawn with a seed fixed per step, so an evaluation
 * repeats exactly.
 */
public final class KidMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "kid";

  private final int subsets;
  private final int subsetSize;

  @JsonCreator
  public KidMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every,
      @JsonProperty("subsets") Integer subsets, @JsonProperty("subset-size") Integer subsetSize) {
    super(samples, every, 10_000, 2);
    this.subsets = Checks.range("subsets", subsets, KernelDistance.SUBSETS, 1, 100_000);
    this.subsetSize = Checks.range("subset-size", subsetSize, KernelDistance.SUBSET_SIZE, 2, 1_000_000);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(samples(), subsets, subsetSize, every());
  }

  /** Random subsets the MMD is estimated on. */
  @JsonProperty("subsets")
  @JsonPropertyDescription("random subsets the MMD is estimated on")
  public int subsets() {
    return subsets;
  }

  /** Vectors of each set per subset. */
  @JsonProperty("subset-size")
  @JsonPropertyDescription("vectors of each set per subset (at most the smaller set)")
  public int subsetSize() {
    return subsetSize;
  }

  @Override
  public Metric create(RunServices run) {
    RunFeatures features = run.get(RunFeatures.class);
    int reference = RunFeatures.referenceSize(run.get(DataSource.class));
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        KernelDistance.Estimate kid = KernelDistance.estimate(features.generated(e, samples()).features(e.manager()),
            features.reference(e).features(e.manager()), subsets, subsetSize, new SplittableRandom(e.step()));
        return Map.of("kid", kid.mean(), "kid_std", kid.std());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("kid (Bińkowski et al. 2018; unbiased MMD², kernel (x·y/d + 1)^3)", samples(), reference,
            features.extractor(), Map.of("subsets", String.valueOf(subsets), "subset_size", String.valueOf(subsetSize)));
      }
    };
  }
}
