package dev.gantrack.djl.eval.maths;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A Gaussian fitted to feature vectors: their mean and their unbiased covariance (divided by n − 1,
 * as numpy's {@code cov} and pytorch-fid compute it), in doubles.
 *
 * @param mean (d)
 * @param covariance (d × d), row-major
 * @param count the vectors it was fitted to
 */
public record Gaussian(double[] mean, double[] covariance, long count) {

  /** Dimension d. */
  public int dimension() {
    return mean.length;
  }

  /** Fits {@code features} (n, d), n ≥ 2, computing in float64 on their device. */
  public static Gaussian fit(NDArray features) {
    long n = features.getShape().get(0);
    if (n < 2) {
      throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, not " + n);
    }
    NDArray x = features.toType(DataType.FLOAT64, true);
    NDArray mean = x.mean(new int[] {0});
    NDArray centred = x.sub(mean);
    NDArray cov = centred.transpose().matMul(centred).div(n - 1.0);
    return new Gaussian(mean.toDoubleArray(), cov.toDoubleArray(), n);
  }
}
