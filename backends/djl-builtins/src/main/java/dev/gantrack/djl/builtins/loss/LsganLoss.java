package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.tensor.Scalars;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Loss {@code lsgan}: least squares (Mao et al. 2017). D minimises
 * ½[mean((D(x) − t_real)²) + mean((D(G(z)) − t_fake)²)], the mean of its real and fake terms, whose
 * equilibrium is 0.25 (D outputs 0.5 everywhere with targets 1 / 0); G minimises
 * ½ mean((D(G(z)) − t)²) with t the real target label smoothing gives G. D's output is not a
 * probability here, so {@link Loss#score} reports it raw: D(x) → 1 and D(G(z)) → 0 as D wins.
 */
public record LsganLoss() implements LossSpec, DjlLossSpec {
  public static final String TYPE = "lsgan";

  /** ½ mean((x − t)²). */
  static NDArray halfMeanSquare(NDArray outputs, NDArray targets) {
    NDArray mean = outputs.sub(targets).square().mean();
    return mean.mul(Scalars.of(mean, 0.5));
  }

  /** 0.25: D outputs ½ for every example, the best it can do when real and fake follow one distribution. */
  @Override
  public OptionalDouble balancedDiscriminatorLoss() {
    return OptionalDouble.of(0.25);
  }

  /** D's raw outputs, trained towards 1 for real and 0 for fake. */
  @Override
  public Optional<ScoreLevels> scoreLevels() {
    return Optional.of(new ScoreLevels(1, 0));
  }

  @Override
  public Loss create(RunServices run) {
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return halfMeanSquare(real, t.real()).add(halfMeanSquare(fake, t.fake()));
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return halfMeanSquare(fake, t.real());
      }

      @Override
      public NDArray score(NDArray outputs) {
        return outputs;
      }
    };
  }
}
