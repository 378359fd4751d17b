package dev.gantrack.djl.builtins.optim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;

/**
 * TTUR {@code two-time-scale}: the two time-scale update rule (Heusel et al. 2017) as SAGAN and
 * BigGAN use it: D learns faster than G, Adam 4e-4 for D and 1e-4 for G, β1 0, β2 0.9, one D
 * update per G update. The options are those of {@link SeparateOptimizers}; any value given
 * overrides the preset's, and options the preset does not set take {@link OptimizerOptions}' defaults.
 */
public record TwoTimeScale(
    @JsonProperty("generator") @JsonPropertyDescription("G's optimizer (preset: adam, lr 1e-4, beta1 0, beta2 0.9)")
        OptimizerOptions generator,
    @JsonProperty("discriminator")
    @JsonPropertyDescription("D's optimizer (preset: adam, lr 4e-4, beta1 0, beta2 0.9)")
        OptimizerOptions discriminator,
    @JsonProperty("d-steps") @JsonPropertyDescription("D updates per step (k)") Integer discriminatorSteps,
    @JsonProperty("g-steps") @JsonPropertyDescription("G updates per step after the D updates, all on one z (carpedm20's DCGAN: 2)") Integer generatorSteps,
    @JsonProperty("update") @JsonPropertyDescription("alternating (D, then G against the new D) | simultaneous (both gradients at the old parameters from one fake batch, as PacGAN's code)") String update)
    implements OptimizerPair {
  public static final String TYPE = "two-time-scale";

  /** G's preset: the slow time scale. */
  public static final OptimizerOptions GENERATOR_PRESET = OptimizerOptions.adam(1e-4, 0.0, 0.9);

  /** D's preset: the fast time scale. */
  public static final OptimizerOptions DISCRIMINATOR_PRESET = OptimizerOptions.adam(4e-4, 0.0, 0.9);

  public TwoTimeScale {
    generator = OptimizerOptions.resolve("generator", generator, GENERATOR_PRESET);
    discriminator = OptimizerOptions.resolve("discriminator", discriminator, DISCRIMINATOR_PRESET);
    discriminatorSteps = Checks.range("d-steps", discriminatorSteps, 1, 1, 100);
    generatorSteps = Checks.range("g-steps", generatorSteps, 1, 1, 100);
    update = OptimizerPair.update(update, discriminatorSteps, generatorSteps);
  }

  /** Alternating updates with one G update per step. */
  public TwoTimeScale(OptimizerOptions generator, OptimizerOptions discriminator, Integer discriminatorSteps) {
    this(generator, discriminator, discriminatorSteps, null, null);
  }
}
