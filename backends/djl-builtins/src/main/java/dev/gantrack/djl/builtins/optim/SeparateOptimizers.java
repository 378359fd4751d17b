package dev.gantrack.djl.builtins.optim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;

/**
 * TTUR {@code separate}: G and D each have their own optimizer, learning rate, schedule and state,
 * and each step makes {@code d-steps} D updates, then {@code g-steps} G updates ({@code update:
 * alternating}), or one of each from the same parameters ({@code update: simultaneous}). Unset options take {@link OptimizerOptions}'
 * defaults (DCGAN's Adam, 2e-4, β 0.5/0.999, for both).
 */
public record SeparateOptimizers(
    @JsonProperty("generator") @JsonPropertyDescription("G's optimizer") OptimizerOptions generator,
    @JsonProperty("discriminator") @JsonPropertyDescription("D's optimizer") OptimizerOptions discriminator,
    @JsonProperty("d-steps") @JsonPropertyDescription("D updates per step (k)") Integer discriminatorSteps,
    @JsonProperty("g-steps") @JsonPropertyDescription("G updates per step after the D updates, all on one z (carpedm20's DCGAN: 2)") Integer generatorSteps,
    @JsonProperty("update") @JsonPropertyDescription("alternating (D, then G against the new D) | simultaneous (both gradients at the old parameters from one fake batch, as PacGAN's code)") String update)
    implements OptimizerPair {
  public static final String TYPE = "separate";

  public SeparateOptimizers {
    generator = OptimizerOptions.resolve("generator", generator, null);
    discriminator = OptimizerOptions.resolve("discriminator", discriminator, null);
    discriminatorSteps = Checks.range("d-steps", discriminatorSteps, 1, 1, 100);
    generatorSteps = Checks.range("g-steps", generatorSteps, 1, 1, 100);
    update = OptimizerPair.update(update, discriminatorSteps, generatorSteps);
  }

  /** Alternating updates with one G update per step. */
  public SeparateOptimizers(OptimizerOptions generator, OptimizerOptions discriminator, Integer discriminatorSteps) {
    this(generator, discriminator, discriminatorSteps, null, null);
  }
}
