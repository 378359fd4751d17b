package dev.gantrack.djl.builtins.penalty;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.penalty.GradientPenalties;

/**
 * Penalty {@code gp}: WGAN-GP's gradient penalty on its own, for any loss:
 * λ · mean((‖∇D(x̂)‖₂ − target)²) on interpolates x̂ = εx + (1 − ε)x̃, ε ~ U(0, 1) per example, between
 * real examples x and fake examples x̃ (target 1 as in Gulrajani et al. 2017; 0 gives a zero-centred
 * variant). Logged as {@code penalty_gp}. The {@code wgan-gp} loss uses this same penalty.
 */
public record GradientPenalty(
    @JsonProperty("lambda") @JsonPropertyDescription("weight λ of the penalty") Double lambda,
    @JsonProperty("target") @JsonPropertyDescription("the gradient norm the penalty pulls towards") Double target)
    implements PenaltySpec, DjlPenaltySpec {
  public static final String TYPE = "gp";

  public GradientPenalty {
    lambda = Checks.range("lambda", lambda, 10.0, 0.0, 1e6);
    target = Checks.range("target", target, 1.0, 0.0, 1e6);
  }

  @Override
  public Penalty create(RunServices run) {
    double l = lambda;
    double t = target;
    return new Penalty() {
      @Override
      public NDArray compute(Context context) {
        return GradientPenalties.interpolated(context, l, t);
      }

      @Override
      public String metricName() {
        return "penalty_gp";
      }
    };
  }
}
