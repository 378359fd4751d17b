package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.api.spec.SpectralNormSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.builtins.spectral.PowerIterationSpectralNorm;
import dev.gantrack.djl.spi.WeightTransform;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateWriter;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spectral norm inside a training run: D's layers are normalised, u is checkpointed and restored exactly. */
class SpectralNormTrainingTest {
  @TempDir Path tmp;

  static Experiment experiment(NoiseData data, GeneratorSpec g, DiscriminatorSpec d, SpectralNormSpec sn, double ema) {
    TrainingSpec training = new TrainingSpec(20, 16, 10, 0, 2, 0, 0, ema);
    return new Experiment("sn", null, "djl", "cpu", 5L, data, g, d, new NonSaturatingLoss(), null,
        new NoLabelSmoothing(), new NormalLatent(null), null, new SeparateOptimizers(null, null, 1), sn,
        training, List.of(), List.of());
  }

  static Map<String, Double> steps(TestRun trainer, int from, int count) {
    Map<String, Double> last = null;
    for (int i = from; i < from + count; i++) {
      try (NDScope s = new NDScope(); NDManager sm = trainer.manager().newSubManager()) {
        s.suppressNotUsedWarning();
        last = trainer.step(sm, i).toHost();
      }
    }
    return last;
  }

  static List<float[]> values(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    arrays.forEach(a -> out.add(a.toFloatArray()));
    return out;
  }

  static List<NDArray> parameterArrays(ai.djl.nn.Block block) {
    List<NDArray> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue().getArray());
    }
    return out;
  }

  /** The arrays D's transforms save (the live arrays themselves, not copies). */
  static List<NDArray> state(TestRun trainer) {
    List<NDArray> out = new ArrayList<>();
    StateWriter keep = new StateWriter() {
      @Override public void array(String name, NDArray array) { out.add(array); }
      @Override public void value(String name, Object value) {}
    };
    for (WeightTransform t : trainer.discriminatorTransforms().values()) {
      ((RunState) t).save(keep);
    }
    return out;
  }

  @Test
  void everyLinearLayerOfDIsNormalisedAndNoneOfG() {
    NoiseData data = new NoiseData(new int[] {2});
    Experiment e = experiment(data, new MlpGenerator(4, 16, 2, null, null, null, "linear", null),
        new MlpDiscriminator(16, 2, null, null, null, null), new PowerIterationSpectralNorm(null, null, null, null), 0);
    try (TestRun trainer = TestRun.of(e, data)) {
      assertEquals(3, trainer.discriminatorTransforms().size(), trainer.discriminatorTransforms().keySet().toString());
      assertTrue(trainer.generatorTransforms().isEmpty());
    }
  }

  @Test
  void checkpointRestoreBringsBackUExactlyIntoTheSameArrays() throws Exception {
    NoiseData data = new NoiseData(new int[] {2});
    Experiment e = experiment(data, new MlpGenerator(4, 16, 2, null, null, null, "linear", null),
        new MlpDiscriminator(16, 2, null, null, null, null), new PowerIterationSpectralNorm(null, null, null, null), 0);
    try (TestRun trainer = TestRun.of(e, data)) {
      steps(trainer, 1, 5);
      Path checkpoint = trainer.saveCheckpoint(5);
      try (var files = Files.list(checkpoint)) {
        List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
        assertEquals(3, names.stream().filter(n -> n.startsWith("spectral-norm.discriminator.")).count(),
            "D's spectral-norm state is written, one file per layer: " + names);
        assertFalse(names.stream().anyMatch(n -> n.startsWith("spectral-norm.generator.")), "G has no transforms");
      }
      List<NDArray> u = state(trainer);
      assertEquals(6, u.size(), "u and v of three layers");
      List<float[]> savedU = values(u);
      List<float[]> savedD = values(parameterArrays(trainer.discriminator()));
      List<float[]> savedG = values(parameterArrays(trainer.generator()));

      steps(trainer, 6, 5);
      assertFalse(Arrays.equals(savedU.get(0), u.get(0).toFloatArray()), "training moved u after the checkpoint");

      assertEquals(5, trainer.restoreCheckpoint(checkpoint));
      List<NDArray> after = state(trainer);
      for (int i = 0; i < u.size(); i++) {
        assertSame(u.get(i), after.get(i), "state array " + i + " is the same object");
        assertArrayEquals(savedU.get(i), u.get(i).toFloatArray(), "state array " + i + " restored bit for bit");
      }
      List<float[]> d = values(parameterArrays(trainer.discriminator()));
      List<float[]> g = values(parameterArrays(trainer.generator()));
      for (int i = 0; i < d.size(); i++) {
        assertArrayEquals(savedD.get(i), d.get(i), "D parameter " + i);
      }
      for (int i = 0; i < g.size(); i++) {
        assertArrayEquals(savedG.get(i), g.get(i), "G parameter " + i);
      }
      Map<String, Double> v = steps(trainer, 11, 2);
      assertTrue(Double.isFinite(v.get("d_loss")) && Double.isFinite(v.get("g_loss")), "trains on after restore: " + v);
    }
  }

  @Test
  void shortDcganRunWithSpectralNormOnDTrains() {
    NoiseData data = new NoiseData(new int[] {1, 16, 16});
    Experiment e = experiment(data, new DcganGenerator(8, 16, 2, null, null, null, null),
        new DcganDiscriminator(8, 2, null, null, null, null), new PowerIterationSpectralNorm(null, null, null, null), 0);
    try (TestRun trainer = TestRun.of(e, data)) {
      assertEquals(3, trainer.discriminatorTransforms().size(), "two convolutions and the final linear layer");
      float[] u0 = state(trainer).get(0).toFloatArray();
      Map<String, Double> first = steps(trainer, 1, 1);
      int live = trainer.manager().getManagedArrays().size();
      Map<String, Double> last = steps(trainer, 2, 19);
      assertEquals(live, trainer.manager().getManagedArrays().size(), "no arrays left behind in the run's manager");
      for (Map<String, Double> v : List.of(first, last)) {
        assertTrue(Double.isFinite(v.get("d_loss")) && Double.isFinite(v.get("g_loss")), v.toString());
      }
      assertFalse(Arrays.equals(u0, state(trainer).get(0).toFloatArray()));
      assertTrue(!first.get("d_loss").equals(last.get("d_loss")), "losses change: " + first + " " + last);
    }
  }

  @Test
  void spectralNormOnGWithEmaTrainsAndSamples() {
    NoiseData data = new NoiseData(new int[] {2});
    Experiment e = experiment(data, new MlpGenerator(4, 16, 2, null, null, null, "linear", null),
        new MlpDiscriminator(16, 2, null, null, null, null), new PowerIterationSpectralNorm(null, List.of("linear"), true, null),
        0.9);
    try (TestRun trainer = TestRun.of(e, data)) {
      assertEquals(3, trainer.generatorTransforms().size());
      Map<String, Double> v = steps(trainer, 1, 10);
      assertTrue(Double.isFinite(v.get("d_loss")) && Double.isFinite(v.get("g_loss")), v.toString());
      for (float x : trainer.fixedSamples()) {
        assertTrue(Float.isFinite(x));
      }
    }
  }
}
