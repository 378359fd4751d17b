package dev.gantrack.djl.builtins.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Latent distributions: sample moments and bounds against closed forms computed here. */
class LatentNoiseTest {
  private static final int N = 1_000_000;
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Sample count, mean, variance, min, max, fourth central moment. */
  record Stats(int n, double mean, double var, double min, double max, double m4) {
    static Stats of(float[] x) {
      double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (float v : x) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double mean = sum / x.length;
      double s2 = 0, s4 = 0;
      for (float v : x) {
        double d = v - mean;
        s2 += d * d;
        s4 += d * d * d * d;
      }
      return new Stats(x.length, mean, s2 / (x.length - 1), min, max, s4 / x.length);
    }

    double meanError() {
      return Math.sqrt(var / n);
    }

    /** Standard error of the sample variance: sqrt((μ4 − σ⁴) / n). */
    double varError() {
      return Math.sqrt((m4 - var * var) / n);
    }
  }

  private static float[] sample(DjlNoiseSpec spec, int seed) {
    Engine.getEngine("PyTorch").setRandomSeed(seed);
    try (NDManager m = manager.newSubManager()) {
      NDArray z = spec.latentSampler(NoServices.INSTANCE).sample(m, new Shape(N / 100, 100));
      assertEquals(DataType.FLOAT32, z.getDataType());
      assertEquals(new Shape(N / 100, 100), z.getShape());
      return z.toFloatArray();
    }
  }

  @Test
  void uniformHasTheMeanVarianceAndBoundsOfUniformLowHigh() {
    double low = -0.5, high = 2.0;
    Stats s = Stats.of(sample(new UniformLatent(low, high), 1));
    double mean = (low + high) / 2;
    double var = (high - low) * (high - low) / 12;
    assertEquals(mean, s.mean(), 4 * s.meanError());
    assertEquals(var, s.var(), 4 * s.varError());
    assertTrue(s.min() >= low && s.max() < high, s.toString());
    // the extremes of a million draws sit within ~1e-5 of the ends
    assertEquals(low, s.min(), 1e-4 * (high - low));
    assertEquals(high, s.max(), 1e-4 * (high - low));
  }

  @Test
  void uniformDefaultsToMinusOneToOne() {
    UniformLatent u = new UniformLatent(null, null);
    assertEquals(-1.0, u.low());
    assertEquals(1.0, u.high());
    Stats s = Stats.of(sample(u, 2));
    assertEquals(1.0 / 3, s.var(), 4 * s.varError());
    assertTrue(s.min() >= -1 && s.max() < 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new UniformLatent(1.0, 1.0))
        .getMessage().startsWith("high: "));
  }

  private static double phi(double x) {
    return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  /** Φ(x) for x ≥ 0 as ½ + ∫₀ˣ φ by composite Simpson's rule (independent of erf). */
  private static double bigPhi(double x) {
    int k = 20_000;
    double h = x / k;
    double sum = phi(0) + phi(x);
    for (int i = 1; i < k; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * phi(i * h);
    }
    return 0.5 + sum * h / 3;
  }

  @Test
  void truncatedNormalStaysWithinTheThresholdWithTheTruncatedVariance() {
    for (double a : new double[] {0.5, 1.0, 2.0, 3.0}) {
      Stats s = Stats.of(sample(new TruncatedNormalLatent(a), 3));
      double mass = 2 * bigPhi(a) - 1;
      double var = 1 - 2 * phi(a) * a / mass;
      assertTrue(s.min() >= -a && s.max() <= a, "none beyond ±" + a + ": " + s);
      assertEquals(0, s.mean(), 4 * s.meanError(), "mean at a=" + a);
      assertEquals(var, s.var(), 4 * s.varError(), "variance at a=" + a);
    }
  }

  @Test
  void truncatedNormalHasTheTruncatedDistributionsCdf() {
    double a = 2.0; // the default
    assertEquals(a, new TruncatedNormalLatent(null).threshold());
    float[] z = sample(new TruncatedNormalLatent(null), 4);
    double mass = 2 * bigPhi(a) - 1;
    for (double x : new double[] {0.25, 0.5, 1.0, 1.5, 1.9}) {
      long inside = 0;
      for (float v : z) {
        inside += Math.abs(v) <= x ? 1 : 0;
      }
      double p = (2 * bigPhi(x) - 1) / mass; // P(|z| <= x | |z| <= a)
      double observed = inside / (double) z.length;
      assertEquals(p, observed, 4 * Math.sqrt(p * (1 - p) / z.length), "P(|z| <= " + x + ")");
    }
  }

  @Test
  void aSeedReproducesLatentDraws() {
    DjlNoiseSpec spec = new TruncatedNormalLatent(1.0);
    assertArrayEquals(sample(spec, 9), sample(spec, 9));
  }
}
