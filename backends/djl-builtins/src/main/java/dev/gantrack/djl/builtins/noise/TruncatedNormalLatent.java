package dev.gantrack.djl.builtins.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;

/**
 * Noise {@code truncated-normal}: latent seeds from N(0, 1) conditioned on |z| ≤ {@code threshold}
 * (the "truncation trick"), drawn exactly by inverse CDF: with u ~ U(0, 1) from the engine's seeded
 * generator, z = √2·erfinv((2u − 1)·erf(a/√2)), which is Φ⁻¹ of a uniform draw on [Φ(−a), Φ(a)].
 * Computed in double precision on the device, so no host sync and no resampling loop.
 */
public record TruncatedNormalLatent(
    @JsonProperty("threshold") @JsonPropertyDescription("truncation point a: |z| <= a") Double threshold)
    implements NoiseSpec, DjlNoiseSpec {
  public static final String TYPE = "truncated-normal";

  public TruncatedNormalLatent {
    threshold = Checks.range("threshold", threshold, 2.0, 0.01, 6.0);
  }

  @Override
  public Latent latentSampler(RunServices run) {
    double a = threshold;
    double sqrt2 = Math.sqrt(2.0);
    return (m, shape) -> {
      NDArray mass = m.create(a / sqrt2).erf(); // erf(a/√2) = 2Φ(a) − 1, a float64 scalar on the device
      NDArray u = m.randomUniform(-1f, 1f, shape, DataType.FLOAT64);
      NDArray z = u.mul(mass).erfinv().mul(sqrt2);
      return z.clip(-a, a).toType(DataType.FLOAT32, false);
    };
  }
}
