package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.InceptionScore;
import dev.gantrack.djl.eval.stats.FeatureSet;
import dev.gantrack.djl.eval.stats.RunFeatures;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Metric {@code is} (Salimans et al. 2016): the Inception Score of the feature extractor's class
 * probabilities on {@code samples} generated samples, over {@code splits} splits (see {@link
 * InceptionScore}). Logs {@code is} and {@code is_std} (higher is better; at most the extractor's
 * number of classes, 10 with {@code mnist-classifier}). Needs an extractor with a class head.
 */
public final class InceptionScoreMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "is";

  private final int splits;

  @JsonCreator
  public InceptionScoreMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every,
      @JsonProperty("splits") Integer splits) {
    super(samples, every, 10_000, 1);
    this.splits = Checks.range("splits", splits, InceptionScore.SPLITS, 1, 1000);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(samples(), splits, every());
  }

  /** Splits the samples are scored in. */
  @JsonProperty("splits")
  @JsonPropertyDescription("splits the samples are scored in (mean and std over them)")
  public int splits() {
    return splits;
  }

  @Override
  public Metric create(RunServices run) {
    RunFeatures features = ClassifyingExtractor.require(run, TYPE);
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        FeatureSet set = features.generated(e, samples());
        InceptionScore.Estimate is = InceptionScore.of(set.probabilities(), set.classes(), Math.min(splits, set.count()));
        return Map.of("is", is.mean(), "is_std", is.std());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("is (Salimans et al. 2016; exp E KL(p(y|x) || p(y)) over splits)", samples(), 0,
            features.extractor(), Map.of("splits", String.valueOf(splits)));
      }
    };
  }
}
