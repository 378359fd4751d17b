package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The adversarial loss (kind {@code loss}): how D scores real and fake and what G minimises.
 *
 * <p>A loss also says where its logged values sit when the game is balanced and when D is sure
 * ({@link #balancedDiscriminatorLoss()}, {@link #scoreLevels()}), so that rules read from the logs
 * (the {@code health:} rules) need no table of loss names; a third-party loss declares its own.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LossSpec extends PluginSpec {
  /**
   * D's loss ({@code d_loss}, the mean of its real and fake terms) at the game's equilibrium, when
   * generated examples follow the data and D does the best it can without telling them apart: ln 2
   * for the BCE and relativistic losses, 0.25 for {@code lsgan}, 1 for {@code hinge}. Empty (the
   * default) when the loss has no such level, as for the Wasserstein critic, whose loss depends on
   * its scale.
   */
  default OptionalDouble balancedDiscriminatorLoss() {
    return OptionalDouble.empty();
  }

  /**
   * What D reports as {@code d_real} / {@code d_fake} for an example it is sure is real and for one
   * it is sure is fake: 1 and 0 for probabilities and for {@code lsgan}'s targets, the margins 1 and
   * −1 for {@code hinge}. Empty (the default) when D's scores have no such levels (the Wasserstein
   * critic's).
   */
  default Optional<ScoreLevels> scoreLevels() {
    return Optional.empty();
  }

  /**
   * The scores of a sure-real and a sure-fake example.
   *
   * @param real the score of an example D is sure is real
   * @param fake the score of an example D is sure is fake
   */
  @PublicApi
  record ScoreLevels(double real, double fake) {
    /** Probabilities: 1 for real, 0 for fake. */
    public static final ScoreLevels PROBABILITY = new ScoreLevels(1, 0);

    public ScoreLevels {
      if (!Double.isFinite(real) || !Double.isFinite(fake) || real == fake) {
        throw new IllegalArgumentException("score levels must be finite and differ: real " + real + ", fake " + fake);
      }
    }

    /** {@code score} on the scale from sure-fake (0) to sure-real (1); beyond it for margin scores. */
    public double position(double score) {
      return (score - fake) / (real - fake);
    }

    /** The score at {@code position} of that scale (the inverse of {@link #position}). */
    public double score(double position) {
      return fake + position * (real - fake);
    }
  }
}
