package dev.gantrack.djl.builtins.noise;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;

/** Noise {@code uniform}: latent seeds from U(low, high), U(−1, 1) by default. */
public record UniformLatent(
    @JsonProperty("low") @JsonPropertyDescription("lower bound (inclusive)") Double low,
    @JsonProperty("high") @JsonPropertyDescription("upper bound (exclusive)") Double high)
    implements NoiseSpec, DjlNoiseSpec {
  public static final String TYPE = "uniform";

  public UniformLatent {
    low = Checks.range("low", low, -1.0, -1e6, 1e6);
    high = Checks.range("high", high, 1.0, -1e6, 1e6);
    if (high <= low) {
      throw new InvalidOptionException("high", high + " must be above low (" + low + ")");
    }
  }

  @Override
  public Latent latentSampler(RunServices run) {
    float lo = low.floatValue();
    float hi = high.floatValue();
    return (m, shape) -> m.randomUniform(lo, hi, shape, DataType.FLOAT32);
  }
}
