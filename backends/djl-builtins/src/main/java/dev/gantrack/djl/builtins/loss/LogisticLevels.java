package dev.gantrack.djl.builtins.loss;

import dev.gantrack.api.spec.LossSpec;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The levels of a loss whose D's loss is the binary cross-entropy of a probability (plain or
 * relativistic) and whose reported scores are those probabilities: balanced at ln 2, which D's loss
 * takes when D gives real and fake examples the same probability, the best it can do when they follow
 * one distribution; scores from 0 (sure it is fake) to 1 (sure it is real).
 */
interface LogisticLevels extends LossSpec {
  @Override
  default OptionalDouble balancedDiscriminatorLoss() {
    return OptionalDouble.of(Math.log(2));
  }

  @Override
  default Optional<ScoreLevels> scoreLevels() {
    return Optional.of(ScoreLevels.PROBABILITY);
  }
}
