package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.builtins.loss.HingeLoss;
import dev.gantrack.djl.builtins.loss.LsganLoss;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.loss.WassersteinLoss;
import dev.gantrack.djl.builtins.loss.WganGpLoss;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A short real training run on the ring per new loss (and with a penalty): losses stay finite and move. */
@Tag("slow")
class NewLossesTrainTest {
  private static final int STEPS = 300;

  private static List<Map<String, Double>> trainAndCheck(LossSpec loss, PenaltySpec penalty, String... extra) {
    List<Map<String, Double>> logged = RingTraining.train(RingTraining.experiment(loss, penalty, STEPS, 1), 50, t -> { });
    for (Map<String, Double> values : logged) {
      for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake")) {
        assertTrue(Double.isFinite(values.get(key)), key + " in " + values);
      }
      for (String key : extra) {
        assertTrue(values.containsKey(key) && Double.isFinite(values.get(key)), key + " in " + values);
      }
    }
    assertMoves(logged, "d_loss");
    assertMoves(logged, "g_loss");
    return logged;
  }

  private static void assertMoves(List<Map<String, Double>> logged, String key) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Map<String, Double> v : logged) {
      min = Math.min(min, v.get(key));
      max = Math.max(max, v.get(key));
    }
    // small for wgan: with weights clipped to 0.01 the critic values are of order 1e-4
    assertTrue(max - min > 1e-6, key + " moves: " + logged);
  }

  @Test
  void lsganTrainsWithFiniteMovingLosses() {
    trainAndCheck(new LsganLoss(), null);
  }

  @Test
  void hingeTrainsWithFiniteMovingLosses() {
    trainAndCheck(new HingeLoss(), null);
  }

  @Test
  void wganTrainsWithFiniteMovingLosses() {
    trainAndCheck(new WassersteinLoss(null), null);
  }

  @Test
  void wganGpTrainsWithFiniteMovingLossesAndAPositivePenalty() {
    List<Map<String, Double>> logged = trainAndCheck(new WganGpLoss(null), null, "penalty_gp", "d_loss_total");
    assertTrue(logged.stream().allMatch(v -> v.get("penalty_gp") >= 0), logged.toString());
  }

  @Test
  void nonSaturatingWithR1TrainsWithFiniteMovingLosses() {
    trainAndCheck(new NonSaturatingLoss(), new R1Penalty(null), "penalty_r1", "d_loss_total");
  }
}
