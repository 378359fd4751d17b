package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.loss.RelativisticAverageLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A loss that asks for them gets, in the G-step, D's logits on the last D update's real batch with
 * D's weights after that update, detached; a loss that does not ask costs no extra D forward pass.
 */
class GeneratorRealLogitsTest {
  private static final int STEPS = 3;
  private static final int K = 2;
  private static final int BATCH = 16;

  /** The ring, keeping a copy of every batch it hands out. */
  record RecordingRing(RingPoints ring, List<float[]> batches) implements DataSource {
    @Override
    public DataShape shape() {
      return ring.shape();
    }

    @Override
    public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
      ring.batch(random, n, x, labels);
      batches.add(x.clone());
    }
  }

  /** What a loss was given: D's real logits in each D update and in each G-step. */
  record Seen(List<float[]> dStepReal, List<float[]> gStepReal) {
    Seen() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  /** A test-only loss spec: trains as {@code inner} does and records what it is given in {@code seen}. */
  record RecordingLoss(DjlLossSpec inner, Seen seen) implements LossSpec, DjlLossSpec {
    @Override
    public Loss create(RunServices run) {
      Loss loss = inner.create(run);
      return new Loss() {
        @Override
        public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
          seen.dStepReal().add(real.toFloatArray());
          return loss.discriminator(real, fake, t);
        }

        @Override
        public NDArray generator(NDArray fake, Targets t) {
          return loss.generator(fake, t);
        }

        @Override
        public boolean generatorUsesRealLogits() {
          return loss.generatorUsesRealLogits();
        }

        @Override
        public NDArray generator(NDArray fake, NDArray real, Targets t) {
          seen.gStepReal().add(real.toFloatArray());
          return loss.generator(fake, real, t);
        }

        @Override
        public Scores scores(NDArray real, NDArray fake) {
          return loss.scores(real, fake);
        }
      };
    }
  }

  /**
   * A test-only loss whose G loss is 0·mean C(x_f) + mean C(x_r): any gradient it leaves in D's
   * weights came back through the real logits.
   */
  record RealLogitsOnlyLoss() implements LossSpec, DjlLossSpec {
    @Override
    public Loss create(RunServices run) {
      Loss bce = new NonSaturatingLoss().create(run);
      return new Loss() {
        @Override
        public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
          return bce.discriminator(real, fake, t);
        }

        @Override
        public NDArray generator(NDArray fake, Targets t) {
          throw new IllegalStateException("asks for the real logits");
        }

        @Override
        public boolean generatorUsesRealLogits() {
          return true;
        }

        @Override
        public NDArray generator(NDArray fake, NDArray real, Targets t) {
          return fake.mean().mul(0f).add(real.mean());
        }
      };
    }
  }

  /** An {@code mlp} D whose every forward pass adds one to {@code passes}. */
  record CountingDiscriminator(MlpDiscriminator inner, AtomicInteger passes) implements DiscriminatorSpec, DjlNetworkSpec {
    @Override
    public Block build(NetworkContext context) {
      SequentialBlock net = new SequentialBlock();
      net.add(new LambdaBlock(in -> {
        passes.incrementAndGet();
        return in;
      }, "CountPasses"));
      net.add(inner.build(context));
      return net;
    }
  }

  private static Experiment experiment(LossSpec loss, DiscriminatorSpec d) {
    // D learns fast, so that its logits before and after an update differ clearly
    OptimizerOptions g = OptimizerOptions.adam(1e-3, 0.5, 0.9);
    OptimizerOptions dAdam = OptimizerOptions.adam(3e-2, 0.5, 0.9);
    return new Experiment("ring-g-real-logits", null, "djl", "cpu", 11L, new RingPoints(),
        new MlpGenerator(4, 16, 2, null, "relu", null, "linear", null), d, loss, null, new NoLabelSmoothing(),
        new NormalLatent(null), null, new SeparateOptimizers(g, dAdam, K), null,
        new TrainingSpec(STEPS, BATCH, 1, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
  }

  private static float[] discriminate(TestRun run, float[] batch) {
    try (NDManager m = run.manager().newSubManager()) {
      // D is an mlp with norm none: its training and inference passes are the same function
      return run.model().discriminate(m.create(batch, new Shape(BATCH, 2)), null, false).toFloatArray();
    }
  }

  private static double largestDifference(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - (double) b[i]));
    }
    return max;
  }

  @Test
  void gStepGetsDsDetachedLogitsOnTheLastRealBatchWithDsWeightsAfterItsLastUpdate() {
    Seen seen = new Seen();
    RecordingRing data = new RecordingRing(new RingPoints(), new ArrayList<>());
    Experiment e = experiment(new RecordingLoss(new RelativisticAverageLoss(), seen),
        new MlpDiscriminator(16, 2, "none", null, null, null));
    try (TestRun run = TestRun.of(e, data)) {
      for (int step = 1; step <= STEPS; step++) {
        run.step(step);
        assertEquals(step * K, data.batches().size(), "K real batches per step, none for the G-step");
        float[] lastBatch = data.batches().get(step * K - 1);
        float[] firstBatch = data.batches().get(step * K - K);
        float[] given = seen.gStepReal().get(step - 1);
        // G's update does not change D: D now has the weights of the step's last D update
        float[] afterUpdate = discriminate(run, lastBatch);
        assertTrue(largestDifference(afterUpdate, given) < 1e-5,
            "step " + step + ": the G-step's real logits are D's current output on the last real batch");
        float[] beforeUpdate = seen.dStepReal().get(step * K - 1);
        assertTrue(largestDifference(beforeUpdate, given) > 1e-3,
            "step " + step + ": not D's output before its last update: " + largestDifference(beforeUpdate, given));
        assertTrue(largestDifference(discriminate(run, firstBatch), given) > 1e-3,
            "step " + step + ": not D's output on the step's first real batch");
      }
    }
  }

  @Test
  void gStepRealLogitsAreDetachedSoNoGradientFlowsBackThroughThemIntoD() {
    Experiment e = experiment(new RealLogitsOnlyLoss(), new MlpDiscriminator(16, 2, "none", null, null, null));
    List<Double> largestDGradient = new ArrayList<>();
    try (TestRun run = TestRun.of(e, new RingPoints())) {
      StepHooks hooks = new StepHooks() {
        @Override
        public void onGeneratorStep(GeneratorUpdate update) {
          // D's optimizer cleared D's gradients after its update: what is there now came from G's backward pass
          largestDGradient.add(largestGradient(run.discriminator()));
        }
      };
      for (int step = 1; step <= STEPS; step++) {
        try (NDScope scope = new NDScope(); NDManager m = run.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          run.adversarialStep().run(m, step, hooks);
        }
      }
    }
    assertEquals(List.of(0.0, 0.0, 0.0), largestDGradient);
  }

  private static double largestGradient(Block network) {
    double max = 0;
    for (Pair<String, Parameter> p : network.getParameters()) {
      for (float g : p.getValue().getArray().getGradient().toFloatArray()) {
        max = Math.max(max, Math.abs(g));
      }
    }
    return max;
  }

  private static List<Integer> passesPerStep(DjlLossSpec inner, Seen seen) {
    AtomicInteger passes = new AtomicInteger();
    Experiment e = experiment(new RecordingLoss(inner, seen),
        new CountingDiscriminator(new MlpDiscriminator(16, 2, "none", null, null, null), passes));
    List<Integer> perStep = new ArrayList<>();
    try (TestRun run = TestRun.of(e, new RingPoints())) {
      for (int step = 1; step <= STEPS; step++) {
        int before = passes.get();
        run.step(step);
        perStep.add(passes.get() - before);
      }
    }
    return perStep;
  }

  @Test
  void aLossThatDoesNotAskForRealLogitsCostsNoExtraDiscriminatorPass() {
    Seen plain = new Seen();
    // k D updates: a real and a fake pass each; the G-step: one pass on fakes
    assertEquals(List.of(2 * K + 1, 2 * K + 1, 2 * K + 1), passesPerStep(new NonSaturatingLoss(), plain));
    assertTrue(plain.gStepReal().isEmpty(), "G's loss was never handed real logits");
    Seen relativistic = new Seen();
    // ... and one more on the last real batch for a loss that asks
    assertEquals(List.of(2 * K + 2, 2 * K + 2, 2 * K + 2), passesPerStep(new RelativisticAverageLoss(), relativistic));
    assertEquals(STEPS, relativistic.gStepReal().size());
    assertFalse(new NonSaturatingLoss().create(null).generatorUsesRealLogits());
  }
}
