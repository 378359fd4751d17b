package dev.gantrack.djl.builtins.optim;

import ai.djl.nn.Parameter;
import dev.gantrack.api.Problem;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.List;

/**
 * What every {@code ttur} type of this package shares: one resolved {@link OptimizerOptions} for G,
 * one for D, and k D updates per G update. The types differ only in their presets.
 */
interface OptimizerPair extends TturSpec, DjlTturSpec {
  OptimizerOptions generator();

  OptimizerOptions discriminator();

  Integer discriminatorSteps();

  @Override
  default int dSteps() {
    return discriminatorSteps();
  }

  @Override
  default Optimizer generator(List<Parameter> parameters, long totalUpdates, RunServices run) {
    return TturOptimizers.create(generator(), parameters, totalUpdates, run);
  }

  @Override
  default Optimizer discriminator(List<Parameter> parameters, long totalUpdates, RunServices run) {
    return TturOptimizers.create(discriminator(), parameters, totalUpdates, run);
  }

  @Override
  default List<Problem> check(long generatorUpdates, long discriminatorUpdates) {
    return TturOptimizers.check(generator(), discriminator(), generatorUpdates, discriminatorUpdates);
  }
}
