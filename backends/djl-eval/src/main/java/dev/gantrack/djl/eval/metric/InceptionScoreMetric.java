package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.djl.eval.maths.InceptionScore;
import dev.gantrack.djl.eval.stats.FeatureSet;
import dev.gantrack.djl.eval.stats.RunFeatures;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Metric {@code is} (Salimans et al. 2016): the Inception Score of the feature extractor's class
 * probabilities on {@code samples} generated samples, over {@code splits} splits (see {@link
 * InceptionScore}). Logs {@code is} and {@code is_std} (higher is better; at most the extractor's
 * number of classes, 10 with {@code mnist-classifier}). Needs an extractor with a class head.
 */
public record InceptionScoreMetric(
    @JsonProperty("samples") Integer samples,
    @JsonProperty("every") int every,
    @JsonProperty("splits") Integer splits) implements MetricSpec, DjlMetricSpec {
  /** The name in experiment files. */
  public static final String TYPE = "is";

  @JsonCreator
  public InceptionScoreMetric {
    samples = Checks.range("samples", samples, 10_000, 1, 10_000_000);
    every = Checks.range("every", every, 0, 0, Integer.MAX_VALUE);
    splits = Checks.range("splits", splits, InceptionScore.SPLITS, 1, 1000);
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
  @JsonProperty("splits")
  @JsonPropertyDescription("splits the samples are scored in (mean and std over them)")
  public Integer splits() {
    return splits;
  }

  @Override
  public Metric create(RunServices run) {
    RunFeatures features = ClassifyingExtractor.require(run, TYPE);
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        FeatureSet set = features.generated(e, samples);
        InceptionScore.Estimate is = InceptionScore.of(set.probabilities(), set.classes(), Math.min(splits, set.count()));
        return Map.of("is", is.mean(), "is_std", is.std());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("is (Salimans et al. 2016; exp E KL(p(y|x) || p(y)) over splits)", samples, 0,
            features.extractor(), Map.of("splits", splits.toString()));
      }
    };
  }
}
