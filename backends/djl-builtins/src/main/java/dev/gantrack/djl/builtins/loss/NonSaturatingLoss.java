package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;

/**
 * Loss {@code non-saturating}: D as in {@code minimax}; G maximises log D(G(z)), i.e. minimises
 * BCE(D(G(z)), t_real) with the label smoothing's G target for real (1, or 0 under {@code swap}) —
 * the form the GAN paper recommends in practice (strong gradients early on).
 */
public record NonSaturatingLoss() implements LogisticLevels, DjlLossSpec {
  public static final String TYPE = "non-saturating";

  @Override
  public Loss create(RunServices run) {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return BinaryCrossEntropy.discriminator(real, fake, t);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return BinaryCrossEntropy.ofLogits(fake, t.real()).mean();
      }
    };
  }
}
