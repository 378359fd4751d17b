package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.builtins.loss.HingeLoss;
import dev.gantrack.djl.builtins.loss.LsganLoss;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.loss.WganGpLoss;
import dev.gantrack.djl.builtins.penalty.GradientPenalty;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.penalty.R2Penalty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Penalties through the real trainer (its second backward pass through D) for a few steps: each
 * is logged under its metric name, finite and non-negative, and D's total loss is its loss plus the
 * penalty (read back as float32 scalars, the type of the rest of the step).
 */
class PenaltiesInTrainingTest {

  private static void assertLogged(LossSpec loss, PenaltySpec penalty, String metric) {
    List<Map<String, Double>> logged = RingTraining.train(RingTraining.experiment(loss, penalty, 3, 1), 1, t -> { });
    for (Map<String, Double> v : logged) {
      double p = v.get(metric);
      assertTrue(Double.isFinite(p) && p >= 0, metric + " in " + v);
      double total = v.get("d_loss_total");
      assertTrue(Math.abs(total - (v.get("d_loss") + p)) <= 1e-5 * (1 + Math.abs(total)), v.toString());
    }
  }

  @Test
  void r1IsAddedToDsLossAndLogged() {
    assertLogged(new NonSaturatingLoss(), new R1Penalty(null), "penalty_r1");
  }

  @Test
  void r2IsAddedToDsLossAndLogged() {
    assertLogged(new LsganLoss(), new R2Penalty(null), "penalty_r2");
  }

  @Test
  void gpIsAddedToDsLossAndLogged() {
    assertLogged(new HingeLoss(), new GradientPenalty(null, null), "penalty_gp");
  }

  @Test
  void wganGpAddsItsPenaltyWithoutAPenaltySection() {
    assertLogged(new WganGpLoss(null), null, "penalty_gp");
  }
}
