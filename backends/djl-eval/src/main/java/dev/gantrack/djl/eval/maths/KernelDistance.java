package dev.gantrack.djl.eval.maths;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;

/**
 * KID (Bińkowski et al. 2018): the squared maximum mean discrepancy between generated and real
 * features under the polynomial kernel {@code k(x, y) = (xᵀy / d + 1)³}, estimated without bias on
 * {@code subsets} random subsets of {@code subsetSize} vectors of each (drawn without replacement),
 * reported as the mean and the standard deviation over subsets. The defaults and the estimator are
 * torch-fidelity's (100 subsets of 1,000, degree 3, γ = 1/d, coef 1, std with ddof 0).
 */
public final class KernelDistance {
  /** Subsets, as torch-fidelity. */
  public static final int SUBSETS = 100;
  /** Vectors per subset, as torch-fidelity. */
  public static final int SUBSET_SIZE = 1000;

  private KernelDistance() {}

  /** Mean and standard deviation of the per-subset estimates. */
  public record Estimate(double mean, double std) {}

  /**
   * KID of {@code generated} (n1, d) against {@code real} (n2, d); subsets hold {@code min(n1, n2,
   * subsetSize)} vectors each, drawn with {@code random}.
   */
  public static Estimate estimate(NDArray generated, NDArray real, int subsets, int subsetSize, SplittableRandom random) {
    int n1 = (int) generated.getShape().get(0);
    int n2 = (int) real.getShape().get(0);
    int m = Math.min(Math.min(n1, n2), subsetSize);
    if (m < 2) {
      throw new IllegalArgumentException("KID needs at least 2 vectors of each set, not " + n1 + " and " + n2);
    }
    NDManager manager = generated.getManager();
    NDArray x64 = generated.toType(DataType.FLOAT64, true);
    NDArray y64 = real.toType(DataType.FLOAT64, true);
    double[] values = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = x64.get(manager.create(subset(n1, m, random)));
        NDArray y = y64.get(manager.create(subset(n2, m, random)));
        values[s] = unbiasedMmd2(x, y);
      }
    }
    double mean = 0;
    for (double v : values) {
      mean += v / subsets;
    }
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean) / subsets;
    }
    return new Estimate(mean, Math.sqrt(var));
  }

  /**
   * The unbiased estimate of MMD² between the sets {@code x} and {@code y} (m, d each) under the
   * polynomial kernel: the off-diagonal means of k(x, x') and k(y, y') minus twice the mean of k(x, y).
   */
  public static double unbiasedMmd2(NDArray x, NDArray y) {
    long m = x.getShape().get(0);
    double d = x.getShape().get(1);
    double xx = kernel(x, x, d).sum().getDouble() - kernelDiagonal(x, d);
    double yy = kernel(y, y, d).sum().getDouble() - kernelDiagonal(y, d);
    double xy = kernel(x, y, d).sum().getDouble();
    return (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
  }

  /** (a bᵀ / d + 1)³, all pairs. */
  static NDArray kernel(NDArray a, NDArray b, double d) {
    return a.matMul(b.transpose()).div(d).add(1).pow(3);
  }

  /** Σ_i k(a_i, a_i). */
  private static double kernelDiagonal(NDArray a, double d) {
    return a.square().sum(new int[] {1}).div(d).add(1).pow(3).sum().getDouble();
  }

  /** {@code m} distinct indices of 0..n-1 (a partial Fisher–Yates shuffle). */
  static long[] subset(int n, int m, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    long[] out = new long[m];
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
      out[i] = p[i];
    }
    return out;
  }
}
