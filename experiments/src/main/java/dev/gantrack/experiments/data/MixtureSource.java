package dev.gantrack.experiments.data;

import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.util.SplittableRandom;

/**
 * Endless samples of an equal-weight mixture of isotropic Gaussians: per point a mode uniformly at
 * random, then its mean plus σ times a standard normal per coordinate. Implements {@link
 * ModeMixture} so metrics can find the modes from the run's data.
 */
final class MixtureSource implements DataSource, ModeMixture {
  private final double[][] means;
  private final double sigma;
  private final int dim;
  private final DataShape shape;

  MixtureSource(double[][] means, double sigma) {
    this.means = deepCopy(means);
    this.sigma = sigma;
    this.dim = means[0].length;
    this.shape = new DataShape(new int[] {dim}, 0, -1);
  }

  @Override
  public DataShape shape() {
    return shape;
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    ArraySource.checkBatch(n, x, dim);
    for (int i = 0; i < n; i++) {
      double[] mean = means[random.nextInt(means.length)];
      for (int k = 0; k < dim; k++) {
        x[i * dim + k] = (float) (mean[k] + sigma * random.nextGaussian());
      }
    }
  }

  @Override
  public double[][] means() {
    return deepCopy(means);
  }

  @Override
  public double sigma() {
    return sigma;
  }

  static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
