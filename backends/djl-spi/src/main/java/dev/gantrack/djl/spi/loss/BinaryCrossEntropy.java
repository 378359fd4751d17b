package dev.gantrack.djl.spi.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.gantrack.api.PublicApi;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;
import dev.gantrack.djl.spi.tensor.Scalars;

/**
 * Binary cross-entropy on logits, the numerically stable way ({@code softplus(x) − x·t}, never
 * {@code log(sigmoid(x))}), and D's BCE loss as the GAN losses use it.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class BinaryCrossEntropy {
  private BinaryCrossEntropy() {}

  /** Binary cross-entropy of logits against targets in [0, 1], per element: softplus(x) − x·t. */
  public static NDArray ofLogits(NDArray logits, NDArray targets) {
    return Activation.softPlus(logits).sub(logits.mul(targets));
  }

  /** D's BCE loss: the mean of its real and fake terms against the targets (ln 2 at equilibrium). */
  public static NDArray discriminator(NDArray realLogits, NDArray fakeLogits, Targets targets) {
    NDArray sum = ofLogits(realLogits, targets.real()).mean().add(ofLogits(fakeLogits, targets.fake()).mean());
    return sum.mul(Scalars.of(sum, 0.5));
  }
}
