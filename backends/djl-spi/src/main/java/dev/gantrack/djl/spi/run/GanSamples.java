package dev.gantrack.djl.spi.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gantrack.api.PublicApi;

/**
 * Samples from the run's generator (the EMA copy when there is one) in inference mode, bound in
 * every DJL run: what sample grids and metrics draw. Returned arrays are made in the given manager
 * and live as long as it does.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface GanSamples {
  /** {@code n} fresh samples (N, ...data shape), with random class labels for a conditional G. */
  NDArray generate(NDManager manager, int n);

  /**
   * The sample grid's batch: the same latent vectors every time ({@code training.sample-grid}²
   * of them); for a conditional G, column c asks for class c.
   */
  NDArray fixedBatch(NDManager manager);
}
