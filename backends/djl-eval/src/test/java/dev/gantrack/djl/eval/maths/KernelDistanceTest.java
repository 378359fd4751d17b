package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KID's estimator: unbiased on a constructed example, equal to scikit-learn's kernel on fixed data, and its subsets. */
class KernelDistanceTest {
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** k(x, y) = (x·y/d + 1)³, straight from the definition. */
  private static double k(double[] x, double[] y) {
    double dot = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
    }
    return Math.pow(dot / x.length + 1, 3);
  }

  @Test
  void theUnbiasedEstimateAveragesToThePopulationMmdOfTwoFiniteDistributions() {
    // P uniform on 4 points, Q uniform on 4 others: MMD² = E k(p,p') + E k(q,q') − 2 E k(p,q), all
    // expectations over independent draws, so by brute force over all 16 pairs each
    double[][] p = {{1, 0}, {0, 1}, {-1, 0.5}, {0.5, -1}};
    double[][] q = {{1.5, 0.5}, {0, 1.5}, {-0.5, 1}, {1, -0.5}};
    double pp = 0, qq = 0, pq = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        pp += k(p[i], p[j]) / 16;
        qq += k(q[i], q[j]) / 16;
        pq += k(p[i], q[j]) / 16;
      }
    }
    double population = pp + qq - 2 * pq;
    int m = 5;
    int draws = 2000;
    SplittableRandom r = new SplittableRandom(5);
    double sum = 0, sumSq = 0, biasedSum = 0;
    for (int t = 0; t < draws; t++) {
      double[] x = new double[2 * m];
      double[] y = new double[2 * m];
      for (int i = 0; i < m; i++) {
        System.arraycopy(p[r.nextInt(4)], 0, x, 2 * i, 2);
        System.arraycopy(q[r.nextInt(4)], 0, y, 2 * i, 2);
      }
      try (NDManager scope = manager.newSubManager()) {
        double u = KernelDistance.unbiasedMmd2(scope.create(x, new Shape(m, 2)), scope.create(y, new Shape(m, 2)));
        sum += u;
        sumSq += u * u;
      }
      biasedSum += biased(x, y, m);
    }
    double mean = sum / draws;
    double standardError = Math.sqrt((sumSq / draws - mean * mean) / draws);
    assertEquals(population, mean, 4 * standardError, "population MMD² " + population);
    // the biased (V-statistic) estimate of the same draws is off by far more: the test can tell them apart
    assertTrue(Math.abs(biasedSum / draws - population) > 10 * standardError, "biased mean " + biasedSum / draws);
  }

  /** The V-statistic: every pair, diagonals included. */
  private static double biased(double[] x, double[] y, int m) {
    double xx = 0, yy = 0, xy = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double[] xi = {x[2 * i], x[2 * i + 1]}, xj = {x[2 * j], x[2 * j + 1]};
        double[] yi = {y[2 * i], y[2 * i + 1]}, yj = {y[2 * j], y[2 * j + 1]};
        xx += k(xi, xj);
        yy += k(yi, yj);
        xy += k(xi, yj);
      }
    }
    return (xx + yy - 2 * xy) / (m * m);
  }

  @Test
  void theEstimateEqualsScikitLearnsPolynomialKernelOnFixedData() {
    Random r = new Random(2);
    int m = 40, d = 7;
    double[] x = new double[m * d];
    double[] y = new double[m * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
      y[i] = r.nextGaussian() * 1.3 + 0.2;
    }
    double ours = KernelDistance.unbiasedMmd2(manager.create(x, new Shape(m, d)), manager.create(y, new Shape(m, d)));
    ObjectNode job = Reference.job("mmd");
    Reference.matrix(job, "x", x, d);
    Reference.matrix(job, "y", y, d);
    double sklearn = Reference.run(job).asDouble();
    assertEquals(sklearn, ours, 1e-9 * Math.max(1, Math.abs(sklearn)), "scikit-learn gives " + sklearn);
  }

  @Test
  void kidIsNearZeroForTwoSamplesOfOneDistributionAndPositiveForAShiftedOne() {
    Random r = new Random(4);
    int n = 2000, d = 8;
    NDArray a = gaussian(r, n, d, 0);
    NDArray b = gaussian(r, n, d, 0);
    NDArray c = gaussian(r, n, d, 0.5);
    KernelDistance.Estimate same = KernelDistance.estimate(a, b, 20, 500, new SplittableRandom(1));
    KernelDistance.Estimate shifted = KernelDistance.estimate(a, c, 20, 500, new SplittableRandom(1));
    assertTrue(Math.abs(same.mean()) < 3 * same.std(), same.toString());
    assertTrue(shifted.mean() > 10 * shifted.std(), shifted.toString());
  }

  @Test
  void subsetsHoldDistinctIndices() {
    long[] s = KernelDistance.subset(10, 10, new SplittableRandom(3));
    assertEquals(45, java.util.Arrays.stream(s).sum(), "a permutation of 0..9");
  }

  private static NDArray gaussian(Random r, int n, int d, double shift) {
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() + shift);
    }
    return manager.create(v, new Shape(n, d)).toType(DataType.FLOAT32, false);
  }
}
