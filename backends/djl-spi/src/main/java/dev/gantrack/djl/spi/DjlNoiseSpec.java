package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;

/**
 * A noise spec the DJL backend can use as G's latent distribution (role {@code latent}) or as
 * instance noise on D's inputs (role {@code instance-noise}). Both are created once, when the run is
 * assembled; what they return is made in the manager they are given (or from their input) and lives
 * until the step ends.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlNoiseSpec {
  /** The latent sampler; only called when the spec says {@code latent()}. */
  default Latent latentSampler(RunServices run) {
    throw new UnsupportedOperationException("not a latent distribution");
  }

  /** The instance-noise transform for a run of {@code totalSteps} steps; only called for {@code instance-noise:}. */
  default InstanceNoise instanceNoise(long totalSteps, RunServices run) {
    throw new UnsupportedOperationException("not instance noise");
  }

  /** Draws latent vectors with the engine's (seeded) random generator. */
  interface Latent {
    NDArray sample(NDManager manager, Shape shape);
  }

  /** Perturbs D's inputs (real and fake alike) at a step; called once per D input per update. */
  interface InstanceNoise {
    NDArray apply(NDArray x, long step);

    /** The noise scale at a step (logged as {@code instance_noise_sigma}); no device work. */
    double sigma(long step);
  }
}
