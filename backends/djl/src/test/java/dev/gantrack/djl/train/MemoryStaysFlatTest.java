package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each training step's arrays die with its scope and sub-manager: live native arrays do not grow with steps. */
@Tag("slow")
class MemoryStaysFlatTest {

  /** Endless Gaussian examples of a fixed shape, with labels of {@code classes} classes (0: unlabelled). */
  record NoiseData(int[] dims, int classes) implements InMemoryData {
    NoiseData(int[] dims) {
      this(dims, 0);
    }

    @Override
    public DataShape shape() {
      return new DataShape(dims, classes, -1);
    }

    @Override
    public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.tanh(random.nextGaussian());
      }
      for (int i = 0; i < n && classes > 0; i++) {
        labels[i] = random.nextInt(classes);
      }
    }
  }

  static Experiment experiment(NoiseData data, GeneratorSpec g, DiscriminatorSpec d) {
    TrainingSpec training = new TrainingSpec(200, 16, 50, 0, 2, 0, 0, 0.0);
    return new Experiment("memory", null, "djl", "cpu", 11L, data, g, d, new NonSaturatingLoss(), null,
        new NoLabelSmoothing(), new NormalLatent(null), null, new SeparateOptimizers(null, null, 2), null,
        training, List.of(), List.of());
  }

  /** Live arrays of the whole engine: the system manager's tree (it is the root of every base manager). */
  static int liveArrays(TestRun trainer) {
    NDManager root = trainer.manager();
    while (root.getParentManager() != null && root.getParentManager() != root) {
      root = root.getParentManager();
    }
    return root.getManagedArrays().size();
  }

  static void assertFlat(Experiment e, NoiseData data) {
    try (TestRun trainer = TestRun.of(e, data)) {
      int own = trainer.manager().getManagedArrays().size();
      assertTrue(own > 0, "parameters live in the trainer's manager");
      int at20 = -1;
      int own20 = -1;
      for (int i = 1; i <= 200; i++) {
        try (NDScope s = new NDScope(); NDManager sm = trainer.manager().newSubManager()) {
          TestRun.StepValues r = trainer.step(sm, i);
          if (i % 50 == 0) {
            Map<String, Double> host = r.toHost();
            assertTrue(Double.isFinite(host.get("d_loss")) && Double.isFinite(host.get("g_loss")), host.toString());
          }
        }
        if (i == 20) {
          at20 = liveArrays(trainer);
          own20 = trainer.manager().getManagedArrays().size();
        }
      }
      int at200 = liveArrays(trainer);
      int own200 = trainer.manager().getManagedArrays().size();
      assertEquals(200, trainer.generatorUpdates());
      assertEquals(400, trainer.discriminatorUpdates());
      assertEquals(own20, own200, "arrays in the trainer's manager after step 20 vs 200");
      assertEquals(at20, at200, "live arrays engine-wide after step 20 vs 200");
    }
  }

  @Test
  void mlpOnPointsKeepsLiveArraysFlat() {
    NoiseData data = new NoiseData(new int[] {2});
    assertFlat(experiment(data, new MlpGenerator(8, 32, 2, null, null, null, "linear", null),
        new MlpDiscriminator(32, 2, null, null, null, null)), data);
  }

  @Test
  void dcganOnImagesKeepsLiveArraysFlat() {
    NoiseData data = new NoiseData(new int[] {1, 16, 16});
    DcganGenerator g = new DcganGenerator(8, 16, 2, null, null, null, null);
    DcganDiscriminator d = new DcganDiscriminator(8, 2, null, null, null, null);
    assertNotNull(g);
    assertFlat(experiment(data, g, d), data);
  }
}
