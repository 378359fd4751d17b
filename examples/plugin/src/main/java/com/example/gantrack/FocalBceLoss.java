package com.example.gantrack;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;
import dev.gantrack.djl.spi.tensor.Scalars;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Loss {@code focal-bce}: the non-saturating BCE loss with focal modulation (Lin et al. 2017, in the
 * soft-target form of Li et al. 2020): each example's BCE term is weighted by {@code |t − σ(x)|^γ},
 * so D and G dwell on the examples D judges wrongly, and those it already judges right count little.
 * With {@code t} the label smoothing's targets and {@code f(x, t) = mean |t − σ(x)|^γ · BCE(x, t)}:
 * D minimises {@code ½ [f(D(x), t_real) + f(D(G(z)), t_fake)]}, G minimises {@code f(D(G(z)),
 * t_real)}. {@code gamma: 0} is {@code non-saturating} exactly. It declares its levels for
 * gantrack's health rules: D's scores are probabilities, and its balance is 0.5^γ · ln 2.
 */
public record FocalBceLoss(
    @JsonProperty("gamma") @JsonPropertyDescription("focusing exponent; 0 is plain non-saturating BCE") Double gamma)
    implements LossSpec, DjlLossSpec {
  public static final String TYPE = "focal-bce";

  /** The weight's base is kept at least this, so that the gradient of |·|^γ stays finite where σ(x) = t. */
  static final float FLOOR = 1e-6f;

  public FocalBceLoss {
    gamma = Checks.range("gamma", gamma, 2.0, 0.0, 5.0);
  }

  /**
   * D's loss when it gives reals and fakes one probability ½, the least it can do when they follow
   * one distribution: each term is |t − ½|^γ · ln 2 = 0.5^γ · ln 2 (ln 2 for γ = 0).
   */
  @Override
  public OptionalDouble balancedDiscriminatorLoss() {
    return OptionalDouble.of(Math.pow(0.5, gamma) * Math.log(2));
  }

  @Override
  public Optional<ScoreLevels> scoreLevels() {
    return Optional.of(ScoreLevels.PROBABILITY);
  }

  @Override
  public Loss create(RunServices run) {
    float g = gamma.floatValue();
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray realLogits, NDArray fakeLogits, Targets targets) {
        NDArray sum = focal(realLogits, targets.real(), g).add(focal(fakeLogits, targets.fake(), g));
        return sum.mul(Scalars.of(sum, 0.5));
      }

      @Override
      public NDArray generator(NDArray fakeLogits, Targets targets) {
        return focal(fakeLogits, targets.real(), g);
      }
    };
  }

  /** {@code mean |t − σ(x)|^γ · BCE(x, t)} over the batch; gradients flow through the weight too. */
  static NDArray focal(NDArray logits, NDArray targets, float gamma) {
    NDArray weight = Activation.sigmoid(logits).sub(targets).abs().clip(FLOOR, 1f).pow(Scalars.of(logits, gamma));
    return weight.mul(BinaryCrossEntropy.ofLogits(logits, targets)).mean();
  }
}
