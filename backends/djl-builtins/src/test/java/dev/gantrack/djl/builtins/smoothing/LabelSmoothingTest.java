package dev.gantrack.djl.builtins.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.builtins.loss.MinimaxLoss;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec.LabelSmoothing;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Label-smoothing targets: exact soft values, swapped conventions, and flip statistics over many steps. */
class LabelSmoothingTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static void seed(int seed) {
    Engine.getEngine("PyTorch").setRandomSeed(seed);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private static void assertTargets(Targets t, int n, float real, float fake) {
    assertEquals(new Shape(n, 1), t.real().getShape());
    assertEquals(new Shape(n, 1), t.fake().getShape());
    assertArrayEquals(filled(n, real), t.real().toFloatArray());
    assertArrayEquals(filled(n, fake), t.fake().toFloatArray());
  }

  @Test
  void oneSidedSoftensOnlyTheRealTargetAndLeavesGeneratorTargetsPlain() {
    try (NDManager m = manager.newSubManager()) {
      assertTargets(new OneSidedLabelSmoothing(null).create(NoServices.INSTANCE).discriminatorTargets(m, 5, 1), 5, 0.9f, 0f);
      LabelSmoothing s = new OneSidedLabelSmoothing(0.8).create(NoServices.INSTANCE);
      assertTargets(s.discriminatorTargets(m, 7, 3), 7, 0.8f, 0f);
      assertTargets(s.generatorTargets(m, 7, 3), 7, 1f, 0f);
    }
  }

  @Test
  void twoSidedSoftensBothTargets() {
    try (NDManager m = manager.newSubManager()) {
      assertTargets(new TwoSidedLabelSmoothing(null, null).create(NoServices.INSTANCE).discriminatorTargets(m, 4, 1), 4, 0.9f, 0.1f);
      LabelSmoothing s = new TwoSidedLabelSmoothing(0.95, 0.2).create(NoServices.INSTANCE);
      assertTargets(s.discriminatorTargets(m, 6, 9), 6, 0.95f, 0.2f);
      assertTargets(s.generatorTargets(m, 6, 9), 6, 1f, 0f);
    }
  }

  @Test
  void softTargetsOutOfOrderOrRangeAreRejectedNamingTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new TwoSidedLabelSmoothing(0.6, 0.6))
        .getMessage().startsWith("fake: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OneSidedLabelSmoothing(1.5))
        .getMessage().startsWith("real: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new NoisyLabelSmoothing(0.7, null, null))
        .getMessage().startsWith("p: "));
  }

  @Test
  void swapReversesTheLabelsForDiscriminatorAndGenerator() {
    try (NDManager m = manager.newSubManager()) {
      LabelSmoothing s = new SwappedLabelSmoothing().create(NoServices.INSTANCE);
      assertTargets(s.discriminatorTargets(m, 3, 1), 3, 0f, 1f);
      assertTargets(s.generatorTargets(m, 3, 1), 3, 0f, 1f);
    }
  }

  /** Value and d(loss)/d(logit) of G's loss on fixed logits, per example (loss is a batch mean). */
  private static double[][] generatorLossAndGradient(DjlLossSpec spec, LabelSmoothing labels, float[] logits) {
    try (NDManager m = manager.newSubManager();
        GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray x = m.create(logits, new Shape(logits.length, 1));
      x.setRequiresGradient(true);
      NDArray loss = spec.create(NoServices.INSTANCE).generator(x, labels.generatorTargets(m, logits.length, 1));
      c.backward(loss);
      float[] g = x.getGradient().toFloatArray();
      double[] grad = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        grad[i] = g[i];
      }
      return new double[][] {{loss.getFloat()}, grad};
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void underSwapBothBceLossesPushTheGeneratorsLogitsTowardsWhatDCallsReal() {
    float[] logits = {-3f, -0.5f, 0f, 0.7f, 2.5f};
    int n = logits.length;
    LabelSmoothing swap = new SwappedLabelSmoothing().create(NoServices.INSTANCE);
    LabelSmoothing plain = new NoLabelSmoothing().create(NoServices.INSTANCE);
    // non-saturating, swapped: G minimises mean BCE(x, 0) = mean softplus(x); gradient sigmoid(x)/n > 0
    double[][] ns = generatorLossAndGradient(new NonSaturatingLoss(), swap, logits);
    // minimax, swapped: G minimises -mean BCE(x, 1) = mean log sigmoid(x); gradient (1 - sigmoid(x))/n > 0
    double[][] mm = generatorLossAndGradient(new MinimaxLoss(), swap, logits);
    // minimax, plain: G minimises mean log(1 - sigmoid(x)); gradient -sigmoid(x)/n < 0 (unchanged behaviour)
    double[][] mmPlain = generatorLossAndGradient(new MinimaxLoss(), plain, logits);
    double nsValue = 0, mmValue = 0, mmPlainValue = 0;
    for (int i = 0; i < n; i++) {
      double x = logits[i];
      double s = sigmoid(x);
      nsValue += Math.log1p(Math.exp(x)) / n;
      mmValue += Math.log(s) / n;
      mmPlainValue += Math.log(1 - s) / n;
      assertEquals(s / n, ns[1][i], 1e-6, "non-saturating gradient at " + x);
      assertEquals((1 - s) / n, mm[1][i], 1e-6, "minimax gradient at " + x);
      assertEquals(-s / n, mmPlain[1][i], 1e-6, "plain minimax gradient at " + x);
      // gradient descent lowers the logit, towards D's "real" (target 0) under swap
      assertTrue(ns[1][i] > 0 && mm[1][i] > 0);
    }
    assertEquals(nsValue, ns[0][0], 1e-5);
    assertEquals(mmValue, mm[0][0], 1e-5);
    assertEquals(mmPlainValue, mmPlain[0][0], 1e-5);
  }

  @Test
  void noisyFlipsAFractionPOfLabelsIndependentlyPerExampleAndStep() {
    double p = 0.05;
    float real = 0.9f, fake = 0.1f;
    LabelSmoothing s = new NoisyLabelSmoothing(p, 0.9, 0.1).create(NoServices.INSTANCE);
    seed(11);
    int steps = 400, n = 256;
    long total = (long) steps * n;
    long realFlips = 0, fakeFlips = 0, bothFlipped = 0;
    long[] perPosition = new long[n];
    for (int step = 1; step <= steps; step++) {
      try (NDManager m = manager.newSubManager()) {
        Targets t = s.discriminatorTargets(m, n, step);
        float[] r = t.real().toFloatArray();
        float[] f = t.fake().toFloatArray();
        for (int i = 0; i < n; i++) {
          assertTrue(r[i] == real || r[i] == fake, "a real example's target is 0.9 or, flipped, 0.1: " + r[i]);
          assertTrue(f[i] == fake || f[i] == real, "a fake example's target is 0.1 or, flipped, 0.9: " + f[i]);
          boolean rf = r[i] == fake, ff = f[i] == real;
          realFlips += rf ? 1 : 0;
          fakeFlips += ff ? 1 : 0;
          bothFlipped += rf && ff ? 1 : 0;
          perPosition[i] += rf ? 1 : 0;
        }
      }
    }
    double se = Math.sqrt(p * (1 - p) / total);
    assertEquals(p, realFlips / (double) total, 4 * se, "fraction of real labels flipped");
    assertEquals(p, fakeFlips / (double) total, 4 * se, "fraction of fake labels flipped");
    // independence of the real and fake flips: both flipped with probability p²
    double seBoth = Math.sqrt(p * p * (1 - p * p) / total);
    assertEquals(p * p, bothFlipped / (double) total, 4 * seBoth, "fraction of pairs with both labels flipped");
    // every position is flipped at rate p over the steps (no fixed mask): a chi-square over positions
    double expected = p * steps;
    double chi2 = 0;
    for (long c : perPosition) {
      chi2 += (c - expected) * (c - expected) / (expected * (1 - p));
    }
    // chi-square with n - 1 degrees of freedom: mean n - 1, sd sqrt(2(n - 1))
    assertTrue(Math.abs(chi2 - (n - 1)) < 5 * Math.sqrt(2.0 * (n - 1)), "chi2 " + chi2);
  }

  @Test
  void noisyFlipsAreReproducedBySeed() {
    LabelSmoothing s = new NoisyLabelSmoothing(0.3, null, null).create(NoServices.INSTANCE);
    try (NDManager m = manager.newSubManager()) {
      seed(5);
      float[] a = s.discriminatorTargets(m, 200, 1).real().toFloatArray();
      seed(5);
      float[] b = s.discriminatorTargets(m, 200, 1).real().toFloatArray();
      seed(6);
      float[] c = s.discriminatorTargets(m, 200, 1).real().toFloatArray();
      assertArrayEquals(a, b);
      assertFalse(Arrays.equals(a, c));
      for (float v : a) {
        assertTrue(v == 1f || v == 0f);
      }
    }
  }
}
