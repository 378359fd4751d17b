package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import java.util.List;

/** A loss spec the DJL backend can train with. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlLossSpec {
  /** Creates the loss for one run. */
  Loss create();

  /**
   * An adversarial loss on D's logits. Values are means over the batch; D's loss is the mean of its
   * real and fake terms, so that for {@code minimax} its equilibrium is ln 2 and for {@code lsgan}
   * 0.25.
   */
  interface Loss {
    /** D's loss from its logits on real and fake examples and the targets to train towards. */
    NDArray discriminator(NDArray realLogits, NDArray fakeLogits, Targets targets);

    /** G's loss from D's logits on fake examples. */
    NDArray generator(NDArray fakeLogits, Targets targets);

    /** A penalty this loss always adds to D's loss (WGAN-GP's gradient penalty), or null. */
    default DjlPenaltySpec.Penalty penalty() {
      return null;
    }

    /** What is reported as D(x) / D(G(z)) for logits: a probability by default. */
    default NDArray score(NDArray logits) {
      return logits.getNDArrayInternal().sigmoid();
    }

    /**
     * Called right after every D optimizer update with D's trainable weight arrays (the arrays the
     * optimizer updates), outside any gradient collector. A loss that constrains D's weights
     * (WGAN's weight clipping) changes them here, in place, so they stay the same array objects.
     * No-op by default.
     */
    default void afterDiscriminatorUpdate(List<NDArray> discriminatorWeights) {}
  }

  /**
   * Per-example targets for D's real and fake terms (label smoothing decides them), shape (N, 1).
   * Losses without targets (hinge, Wasserstein) ignore them.
   */
  record Targets(NDArray real, NDArray fake) {}
}
