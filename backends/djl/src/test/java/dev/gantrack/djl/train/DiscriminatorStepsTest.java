package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.TwoTimeScale;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trainer makes exactly k D updates and then g G updates per step, in order, and tells each
 * optimizer its total.
 */
class DiscriminatorStepsTest {
  static final int STEPS = 4;
  static final int K = 3;

  /** Wraps the real {@code two-time-scale} optimizers and records every update call. */
  record CountingTtur(TwoTimeScale inner, List<String> calls, Map<String, Long> totals)
      implements TturSpec, DjlTturSpec {
    @Override
    public int dSteps() {
      return inner.dSteps();
    }

    @Override
    public int gSteps() {
      return inner.gSteps();
    }

    @Override
    public Optimizer generator(List<Parameter> parameters, long totalUpdates, RunServices run) {
      totals.put("G", totalUpdates);
      return counting("G", inner.generator(parameters, totalUpdates, run));
    }

    @Override
    public Optimizer discriminator(List<Parameter> parameters, long totalUpdates, RunServices run) {
      totals.put("D", totalUpdates);
      return counting("D", inner.discriminator(parameters, totalUpdates, run));
    }

    private Optimizer counting(String net, Optimizer o) {
      return new Optimizer() {
        @Override
        public void update(long updateCount) {
          calls.add(net + updateCount);
          o.update(updateCount);
        }

        @Override
        public double learningRate(long updateCount) {
          return o.learningRate(updateCount);
        }
      };
    }
  }

  @Test
  void trainerMakesExactlyKDiscriminatorUpdatesBeforeEachGeneratorUpdateOnTheRing() throws Exception {
    RingPoints ring = new RingPoints();
    OptimizerOptions cosine = new com.fasterxml.jackson.databind.ObjectMapper()
        .convertValue(Map.of("schedule", "cosine"), OptimizerOptions.class);
    CountingTtur ttur = new CountingTtur(new TwoTimeScale(null, cosine, K), new ArrayList<>(), new java.util.HashMap<>());
    Experiment e = new Experiment("ring-k", null, "djl", "cpu", 5L, ring,
        new MlpGenerator(4, 16, 2, null, null, null, "linear", null), new MlpDiscriminator(16, 2, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), new NormalLatent(null), null, ttur, null,
        new TrainingSpec(STEPS, 8, 1, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
    try (TestRun trainer = TestRun.of(e, ring)) {
      for (int step = 1; step <= STEPS; step++) {
        trainer.step(step);
      }
      List<String> expected = new ArrayList<>();
      int d = 0;
      for (int g = 1; g <= STEPS; g++) {
        for (int k = 0; k < K; k++) {
          expected.add("D" + (++d));
        }
        expected.add("G" + g);
      }
      assertEquals(expected, ttur.calls());
      assertEquals(STEPS, trainer.generatorUpdates());
      assertEquals((long) STEPS * K, trainer.discriminatorUpdates());
      assertEquals(Map.of("G", (long) STEPS, "D", (long) STEPS * K), ttur.totals(),
          "G's total is training.steps, D's is steps × d-steps");
      Map<String, Double> lr = trainer.adversarialStep().schedules();
      assertEquals(1e-4, lr.get("lr_g"), 0, "G: preset 1e-4, constant");
      // D's cosine schedule has reached its last update (12 of 12): final-lr 0
      assertEquals(4e-4 * 0.5 * (1 + Math.cos(Math.PI)), lr.get("lr_d"), 1e-18);
    }
  }

  @Test
  void withGStepsTheTrainerMakesGGeneratorUpdatesAfterEachDUpdateAllOnTheDUpdatesZ() throws Exception {
    RingPoints ring = new RingPoints();
    SimultaneousUpdateTest.RecordingLatent latent = new SimultaneousUpdateTest.RecordingLatent(new ArrayList<>());
    CountingTtur ttur = new CountingTtur(new TwoTimeScale(null, null, 1, 2, null), new ArrayList<>(),
        new java.util.HashMap<>());
    Experiment e = new Experiment("ring-g", null, "djl", "cpu", 5L, ring,
        new MlpGenerator(4, 16, 2, null, null, null, "linear", null), new MlpDiscriminator(16, 2, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), latent, null, ttur, null,
        new TrainingSpec(STEPS, 8, 1, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
    try (TestRun trainer = TestRun.of(e, ring)) {
      latent.drawn().clear();
      for (int step = 1; step <= STEPS; step++) {
        trainer.step(step);
      }
      List<String> expected = new ArrayList<>();
      for (int s = 1; s <= STEPS; s++) {
        expected.addAll(List.of("D" + s, "G" + (2 * s - 1), "G" + (2 * s)));
      }
      assertEquals(expected, ttur.calls());
      assertEquals(STEPS, latent.drawn().size(), "one z per step: carpedm20's D and both G updates share it");
      assertEquals(Map.of("G", 2L * STEPS, "D", (long) STEPS), ttur.totals(), "G's total is steps × g-steps");
    }
  }
}
