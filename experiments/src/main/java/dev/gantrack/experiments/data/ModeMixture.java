package dev.gantrack.experiments.data;

/**
 * A mixture of isotropic Gaussians with equal weights and one shared standard deviation, whose
 * modes a metric can score samples against (see the {@code mode-coverage} metric). The {@code
 * ring} and {@code grid} specs and the data sources they open implement it.
 */
public interface ModeMixture {
  /** The means of the modes, one {@code double[d]} per mode; a fresh copy on every call. */
  double[][] means();

  /** The standard deviation of every coordinate of every mode. */
  double sigma();
}
