package dev.gantrack.djl.builtins.penalty;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.penalty.GradientPenalties;

/**
 * Penalty {@code r2} (Mescheder et al. 2018): γ/2 · E_fake ‖∇ₓD(x)‖², a zero-centred gradient
 * penalty on fake examples (detached from G, as D saw them), added to D's loss with any loss; logged as
 * {@code penalty_r2}.
 */
public record R2Penalty(
    @JsonProperty("gamma") @JsonPropertyDescription("weight γ; the penalty is γ/2 times the mean squared gradient norm on fakes")
    Double gamma)
    implements PenaltySpec, DjlPenaltySpec {
  public static final String TYPE = "r2";

  public R2Penalty {
    gamma = Checks.range("gamma", gamma, 10.0, 0.0, 1e6);
  }

  @Override
  public Penalty create(RunServices run) {
    return GradientPenalties.zeroCentredPenalty(false, gamma);
  }
}
