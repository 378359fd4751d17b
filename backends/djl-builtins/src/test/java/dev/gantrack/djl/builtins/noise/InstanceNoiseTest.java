package dev.gantrack.djl.builtins.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlNoiseSpec.InstanceNoise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance noise: the σ schedule against its formulas, zero at and after N, and the noise's spread. */
class InstanceNoiseTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void instanceNoiseIsNotALatentDistribution() {
    assertFalse(new GaussianInstanceNoise(null, null, null, null).latent());
    assertTrue(new UniformLatent(null, null).latent());
    assertTrue(new TruncatedNormalLatent(null).latent());
  }

  @Test
  void linearScheduleFallsFromSigma0ToZeroAtNAndStaysThere() {
    double s0 = 0.2;
    int n = 1000;
    InstanceNoise noise = new GaussianInstanceNoise(s0, "linear", n, null).instanceNoise(5000, NoServices.INSTANCE);
    for (long t : new long[] {0, 1, 250, 500, 999}) {
      assertEquals(s0 - s0 * t / n, noise.sigma(t), 1e-12, "sigma at " + t);
    }
    for (long t : new long[] {1000, 1001, 5000, 1_000_000}) {
      assertEquals(0.0, noise.sigma(t), "sigma at " + t);
    }
  }

  @Test
  void exponentialScheduleFollowsTheShiftedExponentialAndHitsZeroAtN() {
    double s0 = 0.1, k = 3.0;
    int n = 400;
    InstanceNoise noise = new GaussianInstanceNoise(s0, "exponential", n, k).instanceNoise(10, NoServices.INSTANCE);
    assertEquals(s0, noise.sigma(0), 1e-15);
    double previous = Double.POSITIVE_INFINITY;
    for (long t = 0; t < n; t += 37) {
      double expected = s0 * (Math.exp(-k * t / n) - Math.exp(-k)) / (1 - Math.exp(-k));
      assertEquals(expected, noise.sigma(t), 1e-12, "sigma at " + t);
      assertTrue(noise.sigma(t) < previous);
      previous = noise.sigma(t);
    }
    // just before N it is tiny but positive; at and after N it is exactly 0
    assertTrue(noise.sigma(n - 1) > 0 && noise.sigma(n - 1) < s0 * k / n * 1.01);
    assertEquals(0.0, noise.sigma(n));
    assertEquals(0.0, noise.sigma(n + 123));
  }

  @Test
  void annealStepsDefaultToTheRunsTrainingSteps() {
    GaussianInstanceNoise spec = new GaussianInstanceNoise(null, null, null, null);
    assertEquals(0.1, spec.sigma());
    assertEquals("linear", spec.anneal());
    InstanceNoise noise = spec.instanceNoise(200, NoServices.INSTANCE);
    assertEquals(0.1 * (1 - 50 / 200.0), noise.sigma(50), 1e-12);
    assertEquals(0.0, noise.sigma(200));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianInstanceNoise(null, "cosine", null, null))
        .getMessage().startsWith("anneal: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianInstanceNoise(null, null, 0, null))
        .getMessage().startsWith("anneal-steps: "));
  }

  @Test
  void addedNoiseHasStandardDeviationSigmaOfTheStepAndNoneAfterN() {
    Engine.getEngine("PyTorch").setRandomSeed(21);
    int n = 100;
    InstanceNoise noise = new GaussianInstanceNoise(0.5, "exponential", n, 2.0).instanceNoise(n, NoServices.INSTANCE);
    int count = 200_000;
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.randomUniform(-1f, 1f, new Shape(count / 100, 1, 10, 10));
      float[] xs = x.toFloatArray();
      for (long step : new long[] {0, 10, 50, 90}) {
        NDArray y = noise.apply(x, step);
        assertEquals(x.getShape(), y.getShape());
        float[] ys = y.toFloatArray();
        double sum = 0, sum2 = 0;
        for (int i = 0; i < count; i++) {
          double d = ys[i] - xs[i];
          sum += d;
          sum2 += d * d;
        }
        double mean = sum / count;
        double std = Math.sqrt(sum2 / count - mean * mean);
        double sigma = 0.5 * (Math.exp(-2.0 * step / n) - Math.exp(-2.0)) / (1 - Math.exp(-2.0));
        assertEquals(0, mean, 4 * sigma / Math.sqrt(count), "mean of the noise at " + step);
        // the sample standard deviation has standard error sigma / sqrt(2 count)
        assertEquals(sigma, std, 4 * sigma / Math.sqrt(2.0 * count), "std of the noise at " + step);
      }
      assertSame(x, noise.apply(x, n), "no noise at N");
      assertSame(x, noise.apply(x, n + 10), "no noise after N");
    }
  }
}
