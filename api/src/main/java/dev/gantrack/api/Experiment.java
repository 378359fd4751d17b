package dev.gantrack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
import dev.gantrack.api.spec.SpectralNormSpec;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.spec.TturSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole experiment as resolved from its file (after {@code extends}, defaults and {@code --set}):
 * which plugin fills each role, and how to train. Immutable. Its role fields are those of the
 * {@link Role} table (a test keeps the two equal); which roles must be filled, and by what, is
 * checked against that table ({@link Role#missing}, {@link Role#accepts}) when a file is loaded.
 */
@PublicApi
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "description", "backend", "device", "seed", "dataset", "generator",
    "discriminator", "loss", "penalty", "label-smoothing", "latent", "instance-noise", "ttur",
    "spectral-norm", "training", "feature-extractor", "metrics", "health", "trackers"})
public record Experiment(
    @JsonProperty("name") @JsonPropertyDescription("experiment name; runs go to runs/<name>/") String name,
    @JsonProperty("description") String description,
    @JsonProperty("backend") @JsonPropertyDescription("training engine") String backend,
    @JsonProperty("device") @JsonPropertyDescription("auto | cpu | gpu | gpu:N") String device,
    @JsonProperty("seed") @JsonPropertyDescription("makes a CPU run reproducible bit for bit") Long seed,
    @JsonProperty("dataset") DatasetSpec dataset,
    @JsonProperty("generator") GeneratorSpec generator,
    @JsonProperty("discriminator") DiscriminatorSpec discriminator,
    @JsonProperty("loss") LossSpec loss,
    @JsonProperty("penalty") PenaltySpec penalty,
    @JsonProperty("label-smoothing") LabelSmoothingSpec labelSmoothing,
    @JsonProperty("latent") NoiseSpec latent,
    @JsonProperty("instance-noise") NoiseSpec instanceNoise,
    @JsonProperty("ttur") TturSpec ttur,
    @JsonProperty("spectral-norm") SpectralNormSpec spectralNorm,
    @JsonProperty("training") TrainingSpec training,
    @JsonProperty("metrics") List<MetricSpec> metrics,
    @JsonProperty("health") List<HealthRuleSpec> health,
    @JsonProperty("trackers") List<TrackerSpec> trackers,
    @JsonProperty("feature-extractor") FeatureExtractorSpec featureExtractor) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu(:[0-9]{1,2})?");

  @JsonCreator
  public Experiment {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidOptionException("name", "'" + name + "' is not allowed; use 1-100 letters, digits, '.', '_' or '-'");
    }
    backend = backend == null ? "djl" : backend;
    device = device == null ? "auto" : device;
    if (!DEVICE.matcher(device).matches()) {
      throw new InvalidOptionException("device", "'" + device + "' is not allowed; allowed: auto, cpu, gpu, gpu:N");
    }
    training = training == null ? TrainingSpec.defaults() : training;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    health = health == null ? List.of() : List.copyOf(health);
    trackers = trackers == null ? List.of() : List.copyOf(trackers);
  }

  /** An experiment without a feature extractor (metrics that need none, or none at all). */
  public Experiment(String name, String description, String backend, String device, Long seed, DatasetSpec dataset,
      GeneratorSpec generator, DiscriminatorSpec discriminator, LossSpec loss, PenaltySpec penalty,
      LabelSmoothingSpec labelSmoothing, NoiseSpec latent, NoiseSpec instanceNoise, TturSpec ttur,
      SpectralNormSpec spectralNorm, TrainingSpec training, List<MetricSpec> metrics, List<HealthRuleSpec> health,
      List<TrackerSpec> trackers) {
    this(name, description, backend, device, seed, dataset, generator, discriminator, loss, penalty, labelSmoothing,
        latent, instanceNoise, ttur, spectralNorm, training, metrics, health, trackers, null);
  }
}
