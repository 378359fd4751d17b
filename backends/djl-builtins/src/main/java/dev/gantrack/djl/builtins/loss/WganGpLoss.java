package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.builtins.penalty.GradientPenalty;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;

/**
 * Loss {@code wgan-gp} (Gulrajani et al. 2017): the {@code wgan} critic and G losses without weight
 * clipping, plus the gradient penalty λ·mean((‖∇D(x̂)‖₂ − 1)²) on random interpolates
 * x̂ = εx + (1 − ε)x̃ (the {@code gp} penalty, {@link GradientPenalty}), always added to D's loss and
 * logged as {@code penalty_gp}. {@link Loss#score} reports the raw critic value. The paper's critic
 * has no batch norm (it mixes examples, so per-example input gradients are no longer independent);
 * use {@code norm: none} or {@code layer} in D.
 */
public record WganGpLoss(
    @JsonProperty("lambda") @JsonPropertyDescription("weight λ of the gradient penalty") Double lambda)
    implements LossSpec, DjlLossSpec {
  public static final String TYPE = "wgan-gp";

  public WganGpLoss {
    lambda = Checks.range("lambda", lambda, 10.0, 0.0, 1e6);
  }

  @Override
  public Loss create(RunServices run) {
    DjlPenaltySpec.Penalty gp = new GradientPenalty(lambda, 1.0).create(run);
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return WassersteinLoss.criticLoss(real, fake);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return WassersteinLoss.generatorLoss(fake);
      }

      @Override
      public DjlPenaltySpec.Penalty penalty() {
        return gp;
      }

      @Override
      public NDArray score(NDArray outputs) {
        return outputs;
      }
    };
  }
}
