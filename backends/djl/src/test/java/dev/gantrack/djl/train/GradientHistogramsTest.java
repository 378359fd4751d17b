package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The histograms a run sends its trackers hold G's and D's weights and the gradients of the step's
 * updates: with plain SGD, each step's weights equal the previous step's minus lr times the
 * gradient histogram of that step.
 */
class GradientHistogramsTest {
  private static final double LR = 0.05;
  private static final int STEPS = 3;

  @TempDir Path tmp;

  @Test
  void gradientHistogramsAreTheGradientsTheSgdUpdatesApplied() throws Exception {
    NoiseData data = new NoiseData(new int[] {2});
    OptimizerOptions sgd = new ObjectMapper().convertValue(Map.of("optimizer", "sgd", "lr", LR), OptimizerOptions.class);
    Experiment e = new Experiment("hist", null, "djl", "cpu", 9L, data,
        new MlpGenerator(4, 8, 1, "none", null, null, "linear", null), new MlpDiscriminator(8, 1, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(sgd, sgd, 1), null, new TrainingSpec(STEPS, 16, 1, 0, 2, 0, 1, 0.0), List.of(), List.of(), List.of());
    Map<String, float[]> seen = new HashMap<>(); // "<step> <tag>" -> values
    Tracker recorder = new Tracker() {
      @Override
      public void onHistogram(long step, String tag, float[] values) {
        seen.put(step + " " + tag, values.clone());
      }
    };
    try (TestRun run = TestRun.of(e, data, tmp, recorder)) {
      run.trainer().run();
    }
    int pairs = 0;
    for (String net : List.of("G", "D")) {
      for (String key : seen.keySet()) {
        if (!key.startsWith("1 " + net + "/weights/")) {
          continue;
        }
        String name = key.substring(("1 " + net + "/weights/").length());
        for (int step = 2; step <= STEPS; step++) {
          float[] before = seen.get((step - 1) + " " + net + "/weights/" + name);
          float[] after = seen.get(step + " " + net + "/weights/" + name);
          float[] grad = seen.get(step + " " + net + "/gradients/" + name);
          assertTrue(grad != null && grad.length == before.length, net + " " + name + " gradient at step " + step);
          double norm = 0;
          for (int i = 0; i < grad.length; i++) {
            assertEquals(before[i] - LR * grad[i], after[i], 1e-6, net + " " + name + "[" + i + "] at step " + step);
            norm += grad[i] * (double) grad[i];
          }
          assertTrue(norm > 0, net + " " + name + ": a zero gradient proves nothing");
          pairs++;
        }
      }
    }
    assertEquals(2 * 2 * (STEPS - 1), pairs, "G's and D's two weight matrices, steps 2 and 3: " + seen.keySet());
  }
}
