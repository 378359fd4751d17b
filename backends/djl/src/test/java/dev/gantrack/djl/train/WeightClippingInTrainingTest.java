package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.gantrack.djl.builtins.loss.WassersteinLoss;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In real D updates, {@code wgan}'s clipping keeps every D weight in [−c, c], in the arrays the optimizer updates. */
class WeightClippingInTrainingTest {

  private static double largestWeight(TestRun trainer) {
    double max = 0;
    for (Pair<String, Parameter> p : trainer.discriminator().getParameters()) {
      for (float v : p.getValue().getArray().toFloatArray()) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  @Test
  void everyDiscriminatorWeightStaysWithinTheClipAfterEveryUpdate() {
    double c = 0.02;
    Map<Parameter, NDArray> arrays = new IdentityHashMap<>();
    double[] largest = {0};
    RingTraining.train(RingTraining.experiment(new WassersteinLoss(c), null, 8, 2), 1, trainer -> {
      for (Pair<String, Parameter> p : trainer.discriminator().getParameters()) {
        // the same array objects throughout: clipping happened in place
        assertSame(arrays.computeIfAbsent(p.getValue(), Parameter::getArray), p.getValue().getArray(), p.getKey());
      }
      largest[0] = largestWeight(trainer);
      assertTrue(largest[0] <= c, "largest |weight| " + largest[0] + " after " + trainer.discriminatorUpdates() + " D updates");
    });
    assertTrue(largest[0] > c / 2, "the clip binds: " + largest[0]);
  }

  @Test
  void clipZeroLeavesTheWeightsUnclipped() {
    double[] largest = {0};
    RingTraining.train(RingTraining.experiment(new WassersteinLoss(0.0), null, 3, 1), 1,
        trainer -> largest[0] = largestWeight(trainer));
    assertTrue(largest[0] > 0.05, "largest |weight| " + largest[0]);
  }
}
