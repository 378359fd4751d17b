package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.ClassHistogram;
import dev.gantrack.djl.eval.stats.FeatureSet;
import dev.gantrack.djl.eval.stats.RunFeatures;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric {@code class-coverage}: the feature extractor classifies {@code samples} generated samples;
 * logs {@code classes_seen} (classes predicted at least once), {@code class_kl} (KL of the predicted
 * class histogram to uniform, see {@link ClassHistogram}: 0 is an even spread), {@code recognised_pct}
 * (the percentage predicted with probability at least {@code confidence}) and {@code
 * classes_recognised} (classes predicted that confidently at least once). With {@code gantrack eval
 * --grid} it scores the run's sample grid, which is how the default experiment is judged.
 */
public final class ClassCoverageMetric extends SampledMetric {
  /** The name in experiment files. */
  public static final String TYPE = "class-coverage";

  private final double confidence;

  @JsonCreator
  public ClassCoverageMetric(@JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every,
      @JsonProperty("confidence") Double confidence) {
    super(samples, every, 10_000, 1);
    this.confidence = Checks.range("confidence", confidence, 0.9, 0.0, 1.0);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(samples(), confidence, every());
  }

  /** The top-class probability from which a sample counts as recognised. */
  @JsonProperty("confidence")
  @JsonPropertyDescription("a sample is recognised when its top class probability is at least this")
  public double confidence() {
    return confidence;
  }

  @Override
  public Metric create(RunServices run) {
    RunFeatures features = ClassifyingExtractor.require(run, TYPE);
    return new Metric() {
      @Override
      public Map<String, Double> evaluate(Evaluation e) throws IOException {
        FeatureSet set = features.generated(e, samples());
        ClassHistogram histogram = new ClassHistogram(set.classes());
        for (int i = 0; i < set.count(); i++) {
          FeatureSet.Prediction p = set.prediction(i);
          histogram.add(p.label(), p.probability() >= confidence);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("classes_seen", (double) histogram.seen());
        out.put("class_kl", histogram.klToUniform());
        out.put("recognised_pct", 100 * histogram.confidentShare());
        out.put("classes_recognised", (double) histogram.seenConfidently());
        return out;
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("class-coverage (arg max of the extractor's classes; KL to uniform)", samples(), 0,
            features.extractor(), Map.of("confidence", String.valueOf(confidence)));
      }
    };
  }
}
