package dev.gantrack.djl.builtins.penalty;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.penalty.GradientPenalties;

/**
 * Penalty {@code r1} (Mescheder et al. 2018): γ/2 · E_real ‖∇ₓD(x)‖², a zero-centred gradient
 * penalty on real examples (as D saw them), added to D's loss with any loss; logged as
 * {@code penalty_r1}.
 */
public record R1Penalty(
    @JsonProperty("gamma") @JsonPropertyDescription("weight γ; the penalty is γ/2 times the mean squared gradient norm on reals")
    Double gamma)
    implements PenaltySpec, DjlPenaltySpec {
  public static final String TYPE = "r1";

  public R1Penalty {
    gamma = Checks.range("gamma", gamma, 10.0, 0.0, 1e6);
  }

  @Override
  public Penalty create(RunServices run) {
    return GradientPenalties.zeroCentredPenalty(true, gamma);
  }
}
