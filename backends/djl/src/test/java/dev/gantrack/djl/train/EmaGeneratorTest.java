package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMA copy of G follows e ← d·e + (1−d)·w step by step, and sample pictures come from it. */
class EmaGeneratorTest {
  static final double DECAY = 0.9;

  static Experiment experiment(NoiseData data, double ema) {
    TrainingSpec training = new TrainingSpec(10, 16, 5, 0, 3, 0, 0, ema);
    // G with batch norm: its running statistics are not trained, so the copy takes them as they are
    return new Experiment("ema", null, "djl", "cpu", 8L, data, new MlpGenerator(4, 16, 2, "batch", null, null, "linear", null),
        new MlpDiscriminator(16, 2, null, null, null, null), new NonSaturatingLoss(), null, new NoLabelSmoothing(),
        new NormalLatent(null), null, new SeparateOptimizers(null, null, 1), null, training, List.of(), List.of(), List.of());
  }

  static List<Parameter> parameters(ai.djl.nn.Block b) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : b.getParameters()) {
      out.add(p.getValue());
    }
    return out;
  }

  @Test
  void everyEmaParameterFollowsTheRecurrenceOnGsWeights() {
    NoiseData data = new NoiseData(new int[] {2});
    try (TestRun trainer = TestRun.of(experiment(data, DECAY), data)) {
      List<Parameter> g = parameters(trainer.generator());
      List<Parameter> ema = parameters(trainer.emaGenerator());
      assertEquals(g.size(), ema.size());
      // e₀ = w₀, in doubles
      List<double[]> expected = new ArrayList<>();
      for (Parameter p : g) {
        float[] w = p.getArray().toFloatArray();
        double[] e = new double[w.length];
        for (int i = 0; i < w.length; i++) {
          e[i] = w[i];
        }
        expected.add(e);
      }
      for (int step = 1; step <= 6; step++) {
        try (NDScope s = new NDScope(); NDManager sm = trainer.manager().newSubManager()) {
          s.suppressNotUsedWarning();
          trainer.step(sm, step);
        }
        for (int k = 0; k < g.size(); k++) {
          float[] w = g.get(k).getArray().toFloatArray();
          double[] e = expected.get(k);
          boolean trained = g.get(k).requiresGradient();
          for (int i = 0; i < w.length; i++) {
            e[i] = trained ? DECAY * e[i] + (1 - DECAY) * w[i] : w[i];
          }
          float[] actual = ema.get(k).getArray().toFloatArray();
          for (int i = 0; i < w.length; i++) {
            assertEquals(e[i], actual[i], 1e-6 * (1 + Math.abs(e[i])),
                "step " + step + " parameter " + g.get(k).getName() + "[" + i + "]");
          }
        }
      }
      // the copy really lags behind G: after 6 steps with d = 0.9 its weights differ from G's
      boolean differs = false;
      for (int k = 0; k < g.size(); k++) {
        if (g.get(k).requiresGradient()) {
          float[] w = g.get(k).getArray().toFloatArray();
          float[] e = ema.get(k).getArray().toFloatArray();
          for (int i = 0; i < w.length && !differs; i++) {
            differs = Math.abs(w[i] - e[i]) > 1e-6;
          }
        }
      }
      assertTrue(differs, "EMA weights differ from G's");
    }
  }

  @Test
  void samplePicturesAndMetricSamplesComeFromTheEmaCopy() {
    NoiseData data = new NoiseData(new int[] {2});
    try (TestRun trainer = TestRun.of(experiment(data, DECAY), data)) {
      for (int step = 1; step <= 3; step++) {
        try (NDScope s = new NDScope(); NDManager sm = trainer.manager().newSubManager()) {
          s.suppressNotUsedWarning();
          trainer.step(sm, step);
        }
      }
      float[] before = trainer.fixedSamples();
      assertTrue(nonZero(before), "G's samples are not all zero");
      // zero the EMA copy only (G itself is untouched): a linear-output G with all-zero parameters outputs 0
      for (Parameter p : parameters(trainer.emaGenerator())) {
        p.getArray().muli(0);
      }
      assertArrayEquals(new float[before.length], trainer.fixedSamples(), "the fixed-latent grid comes from the EMA copy");
      assertArrayEquals(new float[2 * 40], trainer.samples(40), "metric samples come from the EMA copy");
      for (Parameter p : parameters(trainer.generator())) {
        if (p.requiresGradient() && p.getName().equals("weight")) {
          assertTrue(nonZero(p.getArray().toFloatArray()), "G's own weights are untouched");
        }
      }
    }
  }

  @Test
  void noEmaCopyWhenDecayIsZero() {
    NoiseData data = new NoiseData(new int[] {2});
    try (TestRun trainer = TestRun.of(experiment(data, 0.0), data)) {
      assertNull(trainer.emaGenerator());
      assertNotNull(trainer.fixedSamples());
    }
  }

  static boolean nonZero(float[] x) {
    for (float v : x) {
      if (v != 0f) {
        return true;
      }
    }
    return false;
  }
}
