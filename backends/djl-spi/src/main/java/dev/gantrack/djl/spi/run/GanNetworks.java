package dev.gantrack.djl.spi.run;

import ai.djl.nn.Block;
import dev.gantrack.api.PublicApi;

/**
 * The run's networks, bound in every DJL run: G, D and, when {@code training.ema} is set, G's EMA
 * copy. Their parameters are owned by the run (never close them); a listener reads them, e.g. for
 * histograms, and changes them only in place.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface GanNetworks {
  /** The generator being trained. */
  Block generator();

  /** The discriminator being trained. */
  Block discriminator();

  /** G's exponential-moving-average copy, or null when {@code training.ema} is 0. */
  Block emaGenerator();

  /** The generator samples and metrics use: the EMA copy when there is one, else G. */
  default Block sampler() {
    return emaGenerator() != null ? emaGenerator() : generator();
  }
}
