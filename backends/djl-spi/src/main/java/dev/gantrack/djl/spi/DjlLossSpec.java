package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import java.util.List;

/**
 * A loss spec the DJL backend can train with (role {@code loss}).
 *
 * <p>Call order within one training step: for each of the k D updates, {@link
 * Loss#discriminator} (inside D's gradient collector), then D's optimizer update, then {@link
 * Loss#afterDiscriminatorUpdate}; after the k-th, {@link Loss#generator} (inside G's gradient
 * collector). {@link Loss#scores} is called once per D update. All calls are on the training thread.
 *
 * <p>Array lifetimes: every array passed in belongs to the step and is closed when the step ends;
 * the arrays a method returns must be computed from its inputs (they then belong to the step too).
 * Do not close the inputs and do not keep references to them past the call.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlLossSpec {
  /** Creates the loss for one run; called once, when the run is assembled. */
  Loss create(RunServices run);

  /**
   * An adversarial loss on D's logits. Values are means over the batch; D's loss is the mean of its
   * real and fake terms, so that for {@code minimax} its equilibrium is ln 2 and for {@code lsgan}
   * 0.25.
   */
  interface Loss {
    /** D's loss from its logits on real and fake examples, shape (N, 1) each, and the targets to train towards. */
    NDArray discriminator(NDArray realLogits, NDArray fakeLogits, Targets targets);

    /** G's loss from D's logits on fake examples (gradients flow through them to G). */
    NDArray generator(NDArray fakeLogits, Targets targets);

    /**
     * True when G's loss also needs D's logits on real data ({@link #generator(NDArray, NDArray,
     * Targets)}), as the relativistic losses do. The G-step then runs D once more, with D's current
     * weights, on the last D update's real batch; losses that return false cost no extra pass.
     */
    default boolean generatorUsesRealLogits() {
      return false;
    }

    /**
     * G's loss when {@link #generatorUsesRealLogits()}: {@code realLogits} are D's outputs on real
     * data with D's current weights, detached (no gradient flows through them).
     */
    default NDArray generator(NDArray fakeLogits, NDArray realLogits, Targets targets) {
      return generator(fakeLogits, targets);
    }

    /** A penalty this loss always adds to D's loss (WGAN-GP's gradient penalty), or null. */
    default DjlPenaltySpec.Penalty penalty() {
      return null;
    }

    /** What is reported as D(x) / D(G(z)) for logits: a probability by default. */
    default NDArray score(NDArray logits) {
      return logits.getNDArrayInternal().sigmoid();
    }

    /**
     * The reported D(x) and D(G(z)) of one D update, as scalars: the means of {@link #score} by
     * default. A relativistic loss reports its relativistic probabilities instead.
     */
    default Scores scores(NDArray realLogits, NDArray fakeLogits) {
      return new Scores(score(realLogits).mean(), score(fakeLogits).mean());
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

  /** Reported D(x) and D(G(z)) of one D update, scalars. */
  record Scores(NDArray real, NDArray fake) {}
}
