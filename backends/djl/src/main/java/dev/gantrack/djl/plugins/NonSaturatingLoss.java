package dev.gantrack.djl.plugins;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;

/**
 * Loss {@code non-saturating}: D as in {@code minimax}; G maximises log D(G(z)), i.e. minimises
 * BCE(D(G(z)), t_real) with the label smoothing's G target for real (1, or 0 under {@code swap}) —
 * the form the GAN paper recommends in practice (strong gradients early on).
 */
public record NonSaturatingLoss() implements LossSpec, DjlLossSpec {
  public static final String TYPE = "non-saturating";

  @Override
  public Loss create() {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return MinimaxLoss.discriminatorBce(real, fake, t);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return MinimaxLoss.bce(fake, t.real()).mean();
      }
    };
  }
}
