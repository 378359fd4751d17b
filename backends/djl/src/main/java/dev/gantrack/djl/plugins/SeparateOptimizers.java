package dev.gantrack.djl.plugins;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.List;

/**
 * TTUR {@code separate}: G and D each have their own optimizer, learning rate and betas, and D
 * takes {@code d-steps} updates per G update.
 */
public record SeparateOptimizers(
    @JsonProperty("generator") @JsonPropertyDescription("G's optimizer") OptimizerOptions generator,
    @JsonProperty("discriminator") @JsonPropertyDescription("D's optimizer") OptimizerOptions discriminator,
    @JsonProperty("d-steps") @JsonPropertyDescription("D updates per G update (k)") Integer discriminatorSteps)
    implements TturSpec, DjlTturSpec {
  public static final String TYPE = "separate";

  public SeparateOptimizers {
    generator = generator == null ? OptimizerOptions.defaults() : generator;
    discriminator = discriminator == null ? OptimizerOptions.defaults() : discriminator;
    discriminatorSteps = Checks.range("d-steps", discriminatorSteps, 1, 1, 100);
  }

  @Override
  public int dSteps() {
    return discriminatorSteps;
  }

  @Override
  public Optimizer generator(List<Parameter> parameters) {
    return new AdamOptimizer(parameters, generator, false);
  }

  @Override
  public Optimizer discriminator(List<Parameter> parameters) {
    return new AdamOptimizer(parameters, discriminator, false);
  }
}
