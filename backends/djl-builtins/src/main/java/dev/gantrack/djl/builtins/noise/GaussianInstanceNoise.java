package dev.gantrack.djl.builtins.noise;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import java.util.List;

/**
 * Noise {@code instance} (instance noise, Sønderby et al. 2017): N(0, σ(t)²) noise added to every
 * real and fake input of D at step t, σ annealed from {@code sigma} (σ0) at step 0 to exactly 0 at
 * step N = {@code anneal-steps} (the run's {@code training.steps} by default) and 0 after:
 *
 * <ul>
 *   <li>{@code linear}: σ(t) = σ0·(1 − t/N);
 *   <li>{@code exponential}: σ(t) = σ0·(e^{−k·t/N} − e^{−k}) / (1 − e^{−k}) with k = {@code rate}, an
 *       exponential decay shifted and rescaled to hit 0 exactly at N (larger k: faster early decay;
 *       k → 0 approaches linear).
 * </ul>
 *
 * The noise comes from the engine's seeded generator. Not a latent distribution: it can only fill
 * the {@code instance-noise:} section.
 */
public record GaussianInstanceNoise(
    @JsonProperty("sigma") @JsonPropertyDescription("noise standard deviation at step 0 (sigma0)") Double sigma,
    @JsonProperty("anneal") @JsonPropertyDescription("linear | exponential: how sigma falls to 0") String anneal,
    @JsonProperty("anneal-steps") @JsonInclude(JsonInclude.Include.NON_NULL) @JsonPropertyDescription("step N at which sigma reaches 0 (default: training.steps)")
        Integer annealSteps,
    @JsonProperty("rate") @JsonPropertyDescription("k of the exponential schedule") Double rate)
    implements NoiseSpec, DjlNoiseSpec {
  public static final String TYPE = "instance";
  public static final String LINEAR = "linear";
  public static final String EXPONENTIAL = "exponential";

  public GaussianInstanceNoise {
    sigma = Checks.range("sigma", sigma, 0.1, 0.0, 100.0);
    anneal = Checks.oneOf("anneal", anneal, LINEAR, List.of(LINEAR, EXPONENTIAL));
    annealSteps = annealSteps == null ? null : Checks.range("anneal-steps", annealSteps, 1, 1, 1_000_000_000);
    rate = Checks.range("rate", rate, 5.0, 0.001, 50.0);
  }

  @Override
  public boolean latent() {
    return false;
  }

  @Override
  public InstanceNoise instanceNoise(long totalSteps, RunServices run) {
    long n = annealSteps != null ? annealSteps : Math.max(1, totalSteps);
    double s0 = sigma;
    boolean linear = LINEAR.equals(anneal);
    double k = rate;
    double floor = Math.exp(-k);
    return new InstanceNoise() {
      @Override
      public double sigma(long step) {
        if (step >= n) {
          return 0.0;
        }
        double t = Math.max(0, step) / (double) n;
        return linear ? s0 * (1 - t) : s0 * (Math.exp(-k * t) - floor) / (1 - floor);
      }

      @Override
      public NDArray apply(NDArray x, long step) {
        double s = sigma(step);
        if (s == 0.0) {
          return x;
        }
        return x.add(x.getManager().randomNormal(0f, (float) s, x.getShape(), x.getDataType()));
      }
    };
  }
}
