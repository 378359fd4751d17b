package dev.gantrack.djl.builtins.noise;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;

/** Noise {@code normal}: latent seeds from N(0, σ²), σ = 1 by default. */
public record NormalLatent(@JsonProperty("std") @JsonPropertyDescription("standard deviation") Double std)
    implements NoiseSpec, DjlNoiseSpec {
  public static final String TYPE = "normal";

  public NormalLatent {
    std = Checks.range("std", std, 1.0, 1e-6, 1e6);
  }

  @Override
  public Latent latentSampler(RunServices run) {
    float s = std.floatValue();
    return (m, shape) -> m.randomNormal(0f, s, shape, ai.djl.ndarray.types.DataType.FLOAT32);
  }
}
