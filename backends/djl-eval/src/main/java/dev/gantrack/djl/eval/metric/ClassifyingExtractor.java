package dev.gantrack.djl.eval.metric;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.stats.RunFeatures;

/** The run's features, refused for a metric that needs class probabilities when the extractor has no class head. */
final class ClassifyingExtractor {
  private ClassifyingExtractor() {}

  static RunFeatures require(RunServices run, String metric) {
    RunFeatures features = run.get(RunFeatures.class);
    if (features.extractor().classes() == 0) {
      throw new InvalidOptionException("", metric + " needs class probabilities, and the feature extractor "
          + features.extractor().name() + " has no class head (for torchscript, set logits-output)");
    }
    return features;
  }
}
