package dev.gantrack.djl.plugins;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.GanTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small MLP GAN experiments on {@link RingPoints}, trained step by step through {@link GanTrainer}. */
final class RingTraining {
  private RingTraining() {}

  static Experiment experiment(LossSpec loss, PenaltySpec penalty, int steps, int dSteps) {
    OptimizerOptions adam = OptimizerOptions.adam(1e-4, 0.5, 0.9);
    return new Experiment("ring-" + loss.getClass().getSimpleName(), null, "djl", "cpu", 5L, new RingPoints(),
        new MlpGenerator(8, 64, 2, null, "relu", null, "linear", null),
        new MlpDiscriminator(64, 2, "none", null, null, null),
        loss, penalty, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(adam, adam, dSteps), null,
        new TrainingSpec(steps, 64, 50, 0, 2, 0, 0, 0.0), List.of(), List.of());
  }

  /**
   * Trains {@code e} for its steps, calling {@code afterStep} with the trainer after every step, and
   * returns the host values of every {@code every}-th step.
   */
  static List<Map<String, Double>> train(Experiment e, int every, Consumer<GanTrainer> afterStep) {
    List<Map<String, Double>> logged = new ArrayList<>();
    try (GanTrainer trainer = new GanTrainer(e, new RingPoints(), Device.cpu())) {
      for (int step = 1; step <= e.training().steps(); step++) {
        try (NDScope scope = new NDScope(); NDManager m = trainer.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          GanTrainer.StepResult r = trainer.step(m, step);
          if (step == 1 || step % every == 0) {
            logged.add(r.toHost());
          }
        }
        afterStep.accept(trainer);
      }
    }
    return logged;
  }
}
