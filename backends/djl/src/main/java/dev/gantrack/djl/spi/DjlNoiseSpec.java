package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.PublicApi;

/** A noise spec the DJL backend can use as G's latent distribution or as instance noise. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlNoiseSpec {
  /** The latent sampler; only called when the spec says {@code latent()}. */
  default Latent latentSampler() {
    throw new UnsupportedOperationException("not a latent distribution");
  }

  /** The instance-noise transform; only called for the {@code instance-noise:} role. */
  default InstanceNoise instanceNoise(long totalSteps) {
    throw new UnsupportedOperationException("not instance noise");
  }

  /** Draws latent vectors with the engine's (seeded) random generator. */
  interface Latent {
    NDArray sample(NDManager manager, Shape shape);
  }

  /** Perturbs D's inputs (real and fake alike) at a step. */
  interface InstanceNoise {
    NDArray apply(NDArray x, long step);

    /** The noise scale at a step (logged as {@code instance_noise_sigma}). */
    double sigma(long step);
  }
}
