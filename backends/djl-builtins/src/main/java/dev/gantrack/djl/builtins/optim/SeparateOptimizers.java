package dev.gantrack.djl.builtins.optim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;

/**
 * TTUR {@code separate}: G and D each have their own optimizer, learning rate, schedule and state,
 * and D takes {@code d-steps} updates per G update. Unset options take {@link OptimizerOptions}'
 * defaults (DCGAN's Adam, 2e-4, β 0.5/0.999, for both).
 */
public record SeparateOptimizers(
    @JsonProperty("generator") @JsonPropertyDescription("G's optimizer") OptimizerOptions generator,
    @JsonProperty("discriminator") @JsonPropertyDescription("D's optimizer") OptimizerOptions discriminator,
    @JsonProperty("d-steps") @JsonPropertyDescription("D updates per G update (k)") Integer discriminatorSteps)
    implements OptimizerPair {
  public static final String TYPE = "separate";

  public SeparateOptimizers {
    generator = OptimizerOptions.resolve("generator", generator, null);
    discriminator = OptimizerOptions.resolve("discriminator", discriminator, null);
    discriminatorSteps = Checks.range("d-steps", discriminatorSteps, 1, 1, 100);
  }
}
