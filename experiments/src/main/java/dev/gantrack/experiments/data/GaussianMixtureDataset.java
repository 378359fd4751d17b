package dev.gantrack.experiments.data;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;

/**
 * Base of the 2-D Gaussian mixtures {@code ring} and {@code grid}: equal-weight isotropic
 * Gaussians with one shared σ, endless and unlabelled (shape {@code {2}}, size -1, no classes).
 *
 * <p>The points are used as they are: they are <em>not</em> rescaled to [-1, 1] (the grid spans
 * about ±4), so that samples, plots and the {@code mode-coverage} metric all work in the
 * coordinates of the papers.
 */
public abstract sealed class GaussianMixtureDataset implements DatasetSpec, ModeMixture
    permits RingDataset, GridDataset {

  /** Shape of every mixture: endless, unlabelled 2-D points. */
  static final DataShape SHAPE = new DataShape(new int[] {2}, 0, -1);

  GaussianMixtureDataset() {}

  @Override
  public DataShape describe(PluginContext context) {
    return SHAPE;
  }

  @Override
  public DataSource open(PluginContext context) {
    return new MixtureSource(means(), sigma());
  }
}
