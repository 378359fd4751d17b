package dev.gantrack.djl.plugins;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;

/**
 * Loss {@code minimax}: the original GAN game with binary cross-entropy on logits. D minimises
 * ½[BCE(D(x), t_real) + BCE(D(G(z)), t_fake)] (ln 2 at equilibrium) with the label smoothing's
 * D targets; G minimises −BCE(D(G(z)), t_fake) with the label smoothing's G targets, which for the
 * plain fake target 0 is log(1 − D(G(z))), the saturating form of the paper's minimax objective (and
 * for {@code swap}'s fake target 1 is log D(G(z)), still pushing D towards "real").
 */
public record MinimaxLoss() implements LossSpec, DjlLossSpec {
  public static final String TYPE = "minimax";

  /** Binary cross-entropy of logits against targets, per element: softplus(x) − x·t. */
  static NDArray bce(NDArray logits, NDArray targets) {
    return Activation.softPlus(logits).sub(logits.mul(targets));
  }

  /** D's BCE loss: the mean of its real and fake terms. */
  static NDArray discriminatorBce(NDArray real, NDArray fake, Targets t) {
    return bce(real, t.real()).mean().add(bce(fake, t.fake()).mean()).mul(0.5f);
  }

  @Override
  public Loss create() {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return discriminatorBce(real, fake, t);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        // G maximises D's loss on fakes: for t_fake = 0, -BCE = log(1 - sigmoid(x)) = -softplus(x)
        return bce(fake, t.fake()).neg().mean();
      }
    };
  }
}
