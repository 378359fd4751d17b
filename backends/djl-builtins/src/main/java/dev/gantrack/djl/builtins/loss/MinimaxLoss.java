package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;

/**
 * Loss {@code minimax}: the original GAN game with binary cross-entropy on logits. D minimises
 * ½[BCE(D(x), t_real) + BCE(D(G(z)), t_fake)] (ln 2 at equilibrium) with the label smoothing's
 * D targets; G minimises −BCE(D(G(z)), t_fake) with the label smoothing's G targets, which for the
 * plain fake target 0 is log(1 − D(G(z))), the saturating form of the paper's minimax objective (and
 * for {@code swap}'s fake target 1 is log D(G(z)), still pushing D towards "real").
 */
public record MinimaxLoss() implements LogisticLevels, DjlLossSpec {
  public static final String TYPE = "minimax";

  @Override
  public Loss create(RunServices run) {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return BinaryCrossEntropy.discriminator(real, fake, t);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        // G maximises D's loss on fakes: for t_fake = 0, -BCE = log(1 - sigmoid(x)) = -softplus(x)
        return BinaryCrossEntropy.ofLogits(fake, t.fake()).neg().mean();
      }
    };
  }
}
