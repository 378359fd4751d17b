package dev.gantrack.djl.train;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small MLP GAN experiments on {@link RingPoints}, trained step by step through a {@link TestRun}. */
final class RingTraining {
  private RingTraining() {}

  static Experiment experiment(LossSpec loss, PenaltySpec penalty, int steps, int dSteps) {
    OptimizerOptions adam = OptimizerOptions.adam(1e-4, 0.5, 0.9);
    return new Experiment("ring-" + loss.getClass().getSimpleName(), null, "djl", "cpu", 5L, new RingPoints(),
        new MlpGenerator(8, 64, 2, null, "relu", null, "linear", null),
        new MlpDiscriminator(64, 2, "none", null, null, null),
        loss, penalty, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(adam, adam, dSteps), null,
        new TrainingSpec(steps, 64, 50, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
  }

  /**
   * Trains {@code e} for its steps, calling {@code afterStep} with the run after every step, and
   * returns the host values of the first and every {@code every}-th step.
   */
  static List<Map<String, Double>> train(Experiment e, int every, Consumer<TestRun> afterStep) {
    List<Map<String, Double>> logged = new ArrayList<>();
    try (TestRun run = TestRun.of(e, new RingPoints())) {
      for (int step = 1; step <= e.training().steps(); step++) {
        Map<String, Double> values = run.step(step);
        if (step == 1 || step % every == 0) {
          logged.add(values);
        }
        afterStep.accept(run);
      }
    }
    return logged;
  }
}
