package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code ttur.update: simultaneous} (ALI's and PacGAN's step): with plain SGD, each net moves by
 * −lr × its gradient taken at the step's old parameters of both nets on one fake batch, computed
 * here again from a copy of the old parameters, the recorded z and the known real batch;
 * alternating updates do not (G's gradient is taken against the updated D on a fresh z).
 */
class SimultaneousUpdateTest {
  static final float LR = 0.05f;
  static final int BATCH = 16;

  /** Every real point is (1, -0.5): the real batch is known without reading the data stream. */
  record FixedPoint() implements InMemoryData {
    @Override
    public DataShape shape() {
      return new DataShape(new int[] {2}, 0, -1);
    }

    @Override
    public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
      for (int i = 0; i < n; i++) {
        x[2 * i] = 1f;
        x[2 * i + 1] = -0.5f;
      }
    }
  }

  /** N(0, 1) seeds, each draw copied to the host. */
  record RecordingLatent(List<float[]> drawn) implements NoiseSpec, DjlNoiseSpec {
    @Override
    public Latent latentSampler(RunServices run) {
      return (m, shape) -> {
        NDArray z = m.randomNormal(0f, 1f, shape, ai.djl.ndarray.types.DataType.FLOAT32);
        drawn.add(z.toFloatArray());
        return z;
      };
    }
  }

  static Experiment experiment(String update, RecordingLatent latent) {
    OptimizerOptions sgd = new ObjectMapper().convertValue(Map.of("optimizer", "sgd", "lr", LR), OptimizerOptions.class);
    return new Experiment("simultaneous", null, "djl", "cpu", 11L, new FixedPoint(),
        new MlpGenerator(3, 8, 1, "none", "relu", null, "linear", null),
        new MlpDiscriminator(8, 1, "none", "leaky-relu", null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), latent, null,
        new SeparateOptimizers(sgd, sgd, 1, 1, update), null,
        new TrainingSpec(1, BATCH, 1, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
  }

  static List<float[]> values(List<Parameter> ps) {
    return ps.stream().map(p -> p.getArray().toFloatArray()).toList();
  }

  /** What each net moved by in one step, divided by −lr: the gradient the step applied. */
  static List<float[]> applied(List<float[]> before, List<float[]> after) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      float[] g = new float[before.get(i).length];
      for (int j = 0; j < g.length; j++) {
        g[j] = (before.get(i)[j] - after.get(i)[j]) / LR;
      }
      out.add(g);
    }
    return out;
  }

  record Gradients(List<float[]> discriminator, List<float[]> generator) {}

  /** D's and G's gradients at parameters {@code old} on seeds {@code z}, computed again in the run's model. */
  static Gradients gradientsAt(TestRun run, List<float[]> oldG, List<float[]> oldD, float[] z) {
    GanModel model = run.model();
    set(model.generatorWeights(), oldG);
    set(model.discriminatorWeights(), oldD);
    DjlLossSpec.Loss loss = run.get(DjlLossSpec.Loss.class);
    DjlLabelSmoothingSpec.LabelSmoothing labels = run.get(DjlLabelSmoothingSpec.LabelSmoothing.class);
    try (NDManager m = run.manager().newSubManager()) {
      NDArray zs = m.create(z, new Shape(BATCH, 3));
      float[] x = new float[2 * BATCH];
      new FixedPoint().batch(new SplittableRandom(0), BATCH, x, new int[BATCH]);
      NDArray real = m.create(x, new Shape(BATCH, 2));
      List<float[]> d;
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray fake = model.generate(model.generator(), zs, null, true).stopGradient();
        c.backward(loss.discriminator(model.discriminate(real, null, true), model.discriminate(fake, null, true),
            labels.discriminatorTargets(m, BATCH, 1)));
      }
      d = model.discriminatorWeights().stream().map(p -> p.getArray().getGradient().toFloatArray()).toList();
      List<float[]> g;
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray logits = model.discriminate(model.generate(model.generator(), zs, null, true), null, true);
        c.backward(loss.generator(logits, labels.generatorTargets(m, BATCH, 1)));
      }
      g = model.generatorWeights().stream().map(p -> p.getArray().getGradient().toFloatArray()).toList();
      return new Gradients(d, g);
    }
  }

  static void set(List<Parameter> ps, List<float[]> values) {
    for (int i = 0; i < ps.size(); i++) {
      ps.get(i).getArray().set(values.get(i));
    }
  }

  static double largestDifference(List<float[]> a, List<float[]> b) {
    double worst = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.get(i).length; j++) {
        worst = Math.max(worst, Math.abs(a.get(i)[j] - b.get(i)[j]) / (1e-3 + Math.abs(b.get(i)[j])));
      }
    }
    return worst;
  }

  /** One step of a fresh run: the z drawn in it, what each net moved by, and the gradients at the old parameters. */
  record Step(List<float[]> drawn, List<float[]> movedG, List<float[]> movedD, Gradients atOld) {}

  static Step oneStep(String update) {
    RecordingLatent latent = new RecordingLatent(new ArrayList<>());
    try (TestRun run = TestRun.of(experiment(update, latent), new FixedPoint())) {
      List<float[]> oldG = values(run.model().generatorWeights());
      List<float[]> oldD = values(run.model().discriminatorWeights());
      latent.drawn().clear(); // the sampler's fixed seeds, drawn when the run is assembled
      run.step(1);
      List<float[]> movedG = applied(oldG, values(run.model().generatorWeights()));
      List<float[]> movedD = applied(oldD, values(run.model().discriminatorWeights()));
      List<float[]> drawn = List.copyOf(latent.drawn());
      return new Step(drawn, movedG, movedD, gradientsAt(run, oldG, oldD, drawn.get(0)));
    }
  }

  @Test
  void simultaneousStepMovesBothNetsByTheirGradientsAtTheOldParametersOnOneFakeBatch() {
    Step s = oneStep("simultaneous");
    assertEquals(1, s.drawn().size(), "one fake batch: one draw of z for both updates");
    assertTrue(largestDifference(s.movedD(), s.atOld().discriminator()) < 1e-3, "D moved by its gradient at the old G");
    assertTrue(largestDifference(s.movedG(), s.atOld().generator()) < 1e-3, "G moved by its gradient at the old D");
  }

  @Test
  void alternatingStepTakesGsGradientAgainstTheUpdatedDiscriminatorInstead() {
    Step s = oneStep("alternating");
    assertEquals(2, s.drawn().size(), "a fresh z for G's update");
    assertTrue(largestDifference(s.movedD(), s.atOld().discriminator()) < 1e-3, "D's update is the same in both modes");
    assertTrue(largestDifference(s.movedG(), s.atOld().generator()) > 1e-2, "G's is not the one at the old parameters");
  }
}
