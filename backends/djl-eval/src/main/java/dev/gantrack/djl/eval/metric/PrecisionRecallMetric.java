package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.ManifoldPrecisionRecall;
import dev.gantrack.djl.eval.stats.RunFeatures;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Metric {@code precision-recall} (Kynkäänniemi et al. 2019): k-NN manifolds of the features of
 * {@code samples} generated samples and of the real data (see {@link ManifoldPrecisionRecall}). Logs
 * {@code precision} (the share of samples that look real: quality) and {@code recall} (the share of
 * the real data the samples cover: diversity), each in [0, 1].
 */
public final class PrecisionRecallMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "precision-recall";

  private final int k;

  @JsonCreator
  public PrecisionRecallMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every,
      @JsonProperty("k") Integer k) {
    super(samples, every, 10_000, 2);
    this.k = Checks.range("k", k, ManifoldPrecisionRecall.K, 1, 100);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(samples(), k, every());
  }

  /** Neighbourhood size of the k-NN manifolds. */
  @JsonProperty("k")
  @JsonPropertyDescription("neighbourhood size of the k-NN manifolds")
  public int k() {
    return k;
  }

  @Override
  public Metric create(RunServices run) {
    RunFeatures features = run.get(RunFeatures.class);
    int reference = RunFeatures.referenceSize(run.get(DataSource.class));
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        ManifoldPrecisionRecall.Result r = ManifoldPrecisionRecall.of(features.reference(e).features(e.manager()),
            features.generated(e, samples()).features(e.manager()), k);
        return Map.of("precision", r.precision(), "recall", r.recall());
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("precision-recall (Kynkäänniemi et al. 2019; k-NN manifolds)", samples(), reference,
            features.extractor(), Map.of("k", String.valueOf(k)));
      }
    };
  }
}
