package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureDatasetTest {
  private static final PluginContext CTX = PluginContext.at(Path.of("."));

  /** The ring's means written out independently of the implementation. */
  private static double[][] ringMeans(double radius) {
    double h = Math.sqrt(0.5) * radius;
    return new double[][] {
      {radius, 0}, {h, h}, {0, radius}, {-h, h}, {-radius, 0}, {-h, -h}, {0, -radius}, {h, -h}
    };
  }

  private static double[][] gridMeans() {
    double[][] m = new double[25][];
    int k = 0;
    for (int x = -4; x <= 4; x += 2) {
      for (int y = -4; y <= 4; y += 2) {
        m[k++] = new double[] {x, y};
      }
    }
    return m;
  }

  private static void assertMeans(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(expected[k], actual[k], 1e-12, "mean " + k);
    }
  }

  /**
   * Draws {@code n} points, assigns each to the nearest of {@code means} and checks per mode: its
   * share is 1/K, its empirical mean is the configured mean and its per-coordinate σ is {@code
   * sigma}.
   */
  private static void assertMixture(DataSource source, double[][] means, double sigma, int n) {
    float[] x = new float[2 * n];
    int batch = 1000;
    SplittableRandom random = new SplittableRandom(2024);
    float[] buf = new float[2 * batch];
    for (int done = 0; done < n; done += batch) {
      source.batch(random, batch, buf, null);
      System.arraycopy(buf, 0, x, 2 * done, 2 * batch);
    }
    int k = means.length;
    long[] count = new long[k];
    double[][] sum = new double[k][2];
    double[][] sumSq = new double[k][2];
    double maxDistance = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestD = Double.MAX_VALUE;
      for (int m = 0; m < k; m++) {
        double d = Math.hypot(x[2 * i] - means[m][0], x[2 * i + 1] - means[m][1]);
        if (d < bestD) {
          bestD = d;
          best = m;
        }
      }
      maxDistance = Math.max(maxDistance, bestD);
      count[best]++;
      for (int c = 0; c < 2; c++) {
        sum[best][c] += x[2 * i + c];
        sumSq[best][c] += x[2 * i + c] * (double) x[2 * i + c];
      }
    }
    assertTrue(maxDistance < 6 * sigma, "a point lies " + maxDistance / sigma + "σ from every mean");
    for (int m = 0; m < k; m++) {
      double share = (double) count[m] / n;
      assertEquals(1.0 / k, share, 0.1 / k, "share of mode " + m);
      for (int c = 0; c < 2; c++) {
        double mean = sum[m][c] / count[m];
        double sd = Math.sqrt(sumSq[m][c] / count[m] - mean * mean);
        assertEquals(means[m][c], mean, 5 * sigma / Math.sqrt(count[m]), "mean of mode " + m + ", coordinate " + c);
        assertEquals(sigma, sd, 0.05 * sigma, "σ of mode " + m + ", coordinate " + c);
      }
    }
  }

  @Test
  void ringDefaultsToEightModesOnTheUnitCircleWithSigmaOneHundredth() {
    RingDataset ring = new RingDataset(null, null);
    assertEquals(0.01, ring.sigma());
    assertEquals(1.0, ring.radius());
    assertMeans(ringMeans(1), ring.means());
    DataSource source = ring.open(CTX);
    assertInstanceOf(ModeMixture.class, source);
    assertMeans(ringMeans(1), ((ModeMixture) source).means());
    assertEquals(0.01, ((ModeMixture) source).sigma());
  }

  @Test
  void ringSamplesFollowTheConfiguredModesAndSigma() {
    assertMixture(new RingDataset(null, null).open(CTX), ringMeans(1), 0.01, 80_000);
  }

  @Test
  void ringRadiusAndSigmaOptionsMoveAndWidenTheModes() {
    RingDataset ring = new RingDataset(0.05, 2.0);
    assertMeans(ringMeans(2), ring.means());
    assertMixture(ring.open(CTX), ringMeans(2), 0.05, 80_000);
  }

  @Test
  void gridDefaultsToTwentyFiveModesTwoApartWithSigmaFiveHundredths() {
    GridDataset grid = new GridDataset(null);
    assertEquals(0.05, grid.sigma());
    assertMeans(gridMeans(), grid.means());
    assertMeans(gridMeans(), ((ModeMixture) grid.open(CTX)).means());
  }

  @Test
  void gridSamplesFollowTheConfiguredModesAndSigma() {
    assertMixture(new GridDataset(null).open(CTX), gridMeans(), 0.05, 100_000);
  }

  @Test
  void mixturesAreEndlessUnlabelledTwoDimensionalPointsThatAreNotRescaled() {
    DataShape expected = new DataShape(new int[] {2}, 0, -1);
    assertEquals(expected, new RingDataset(null, null).describe(CTX));
    assertEquals(expected, new GridDataset(null).describe(CTX));
    DataSource grid = new GridDataset(null).open(CTX);
    assertEquals(expected, grid.shape());
    float[] x = new float[2000];
    int[] labels = new int[1000];
    Arrays.fill(labels, -5);
    grid.batch(new SplittableRandom(1), 1000, x, labels);
    float max = 0;
    for (float v : x) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 3.5, "grid points reach ±4, not squeezed into [-1, 1]: max " + max);
    assertTrue(Arrays.stream(labels).allMatch(l -> l == -5), "labels untouched");
  }

  @Test
  void sameSeedGivesTheSameBatches() {
    DataSource ring = new RingDataset(null, null).open(CTX);
    float[] a = new float[200];
    float[] b = new float[200];
    float[] c = new float[200];
    ring.batch(new SplittableRandom(5), 100, a, null);
    ring.batch(new SplittableRandom(5), 100, b, null);
    ring.batch(new SplittableRandom(6), 100, c, null);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void sigmaAndRadiusAreChecked() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new RingDataset(0.0, null))
            .getMessage()
            .startsWith("sigma: 0.0 is out of range"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new RingDataset(null, -1.0))
            .getMessage()
            .startsWith("radius: -1.0 is out of range"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new GridDataset(Double.NaN))
            .getMessage()
            .startsWith("sigma: NaN is out of range"));
  }
}
