package dev.gantrack.djl.metric;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.AssemblyException;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.train.Assembly;

/**
 * The run's one feature extractor, built from {@code feature-extractor:} the first time a metric asks
 * for it and shared by every metric of the run; closed with the run's metrics. A run that asks for
 * it without naming one, or whose data it cannot take, fails before training, at that field.
 */
@Singleton
public final class RunFeatureExtractor implements AutoCloseable {
  private final Experiment experiment;
  private final RunServices services;
  private final DataShape shape;
  private DjlFeatureExtractorSpec.FeatureExtractor extractor;

  @Inject
  RunFeatureExtractor(Experiment experiment, RunServices services, DataShape shape) {
    this.experiment = experiment;
    this.services = services;
    this.shape = shape;
  }

  /** The extractor, built on first use. */
  public synchronized DjlFeatureExtractorSpec.FeatureExtractor get() {
    if (extractor == null) {
      String field = Role.FEATURE_EXTRACTOR.key();
      if (!(experiment.featureExtractor() instanceof DjlFeatureExtractorSpec spec)) {
        throw new AssemblyException(Problem.at(field, "a metric of this run needs a feature extractor; add"
            + " feature-extractor: {type: mnist-classifier} for 28×28 digits, or {type: torchscript, path: ...}"), null);
      }
      DjlFeatureExtractorSpec.FeatureExtractor made = Assembly.piece(field, "the feature extractor", () -> spec.create(services));
      String refusal = made.refuses(shape.shape());
      if (refusal != null) {
        made.close();
        throw new AssemblyException(Problem.at(field, made.name() + " cannot take the data ("
            + DataShape.format(shape.shape()) + "): " + refusal), null);
      }
      extractor = made;
    }
    return extractor;
  }

  /** The extractor if a metric has asked for it. */
  public synchronized java.util.Optional<DjlFeatureExtractorSpec.FeatureExtractor> built() {
    return java.util.Optional.ofNullable(extractor);
  }

  @Override
  public synchronized void close() {
    if (extractor != null) {
      extractor.close();
      extractor = null;
    }
  }
}
