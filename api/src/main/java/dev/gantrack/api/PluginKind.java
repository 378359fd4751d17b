package dev.gantrack.api;

import dev.gantrack.api.spec.DatasetSpec;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.api.spec.FeatureExtractorSpec;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.api.spec.HealthRuleSpec;
import dev.gantrack.api.spec.LabelSmoothingSpec;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.api.spec.SpectralNormSpec;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.spec.TturSpec;

/**
 * The kinds of plugin an experiment is assembled from. Each kind has one spec base type; a plugin
 * contributes named subtypes of it. {@link #id()} is the kind's name in files and listings.
 */
@PublicApi
public enum PluginKind {
  GENERATOR("generator", GeneratorSpec.class),
  DISCRIMINATOR("discriminator", DiscriminatorSpec.class),
  LOSS("loss", LossSpec.class),
  PENALTY("penalty", PenaltySpec.class),
  LABEL_SMOOTHING("label-smoothing", LabelSmoothingSpec.class),
  NOISE("noise", NoiseSpec.class),
  TTUR("ttur", TturSpec.class),
  SPECTRAL_NORM("spectral-norm", SpectralNormSpec.class),
  DATASET("dataset", DatasetSpec.class),
  TRACKER("tracker", TrackerSpec.class),
  METRIC("metric", MetricSpec.class),
  HEALTH_RULE("health-rule", HealthRuleSpec.class),
  FEATURE_EXTRACTOR("feature-extractor", FeatureExtractorSpec.class);

  private final String id;
  private final Class<? extends PluginSpec> specType;

  PluginKind(String id, Class<? extends PluginSpec> specType) {
    this.id = id;
    this.specType = specType;
  }

  /** The kind's name as users see it, e.g. {@code label-smoothing}. */
  public String id() {
    return id;
  }

  /** The base type every spec of this kind implements. */
  public Class<? extends PluginSpec> specType() {
    return specType;
  }

  /** The kind whose spec base type is {@code type} or a supertype of it, if any. */
  public static java.util.Optional<PluginKind> ofSpec(Class<?> type) {
    for (PluginKind k : values()) {
      if (k.specType.isAssignableFrom(type)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
