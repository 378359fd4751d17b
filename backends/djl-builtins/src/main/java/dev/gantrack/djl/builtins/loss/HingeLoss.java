package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.tensor.Scalars;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Loss {@code hinge} (Lim &amp; Ye 2017; used by SN-GAN and BigGAN). D minimises
 * ½[mean relu(1 − D(x)) + mean relu(1 + D(G(z)))]: like every gantrack loss, D's loss is the mean of
 * its real and fake terms, so it is half the sum the papers write (D's gradients are halved too; scale
 * D's learning rate by 2 to match them exactly). G minimises −mean D(G(z)). Targets are ignored.
 * D's output is a margin score, not a probability, so {@link Loss#score} reports it raw.
 */
public record HingeLoss() implements LossSpec, DjlLossSpec {
  public static final String TYPE = "hinge";

  /**
   * 1: when real and fake follow one distribution, ½ E[relu(1 − D) + relu(1 + D)] ≥ ½ E[(1 − D) + (1 + D)] = 1,
   * with equality for any D within the margins [−1, 1]; below 1, D tells them apart.
   */
  @Override
  public OptionalDouble balancedDiscriminatorLoss() {
    return OptionalDouble.of(1);
  }

  /** The margins: D's loss is 0 once D(x) ≥ 1 and D(G(z)) ≤ −1. */
  @Override
  public Optional<ScoreLevels> scoreLevels() {
    return Optional.of(new ScoreLevels(1, -1));
  }

  @Override
  public Loss create(RunServices run) {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        NDArray realTerm = Activation.relu(real.neg().add(1f)).mean();
        NDArray fakeTerm = Activation.relu(fake.add(1f)).mean();
        NDArray sum = realTerm.add(fakeTerm);
        return sum.mul(Scalars.of(sum, 0.5));
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return fake.mean().neg();
      }

      @Override
      public NDArray score(NDArray outputs) {
        return outputs;
      }
    };
  }
}
