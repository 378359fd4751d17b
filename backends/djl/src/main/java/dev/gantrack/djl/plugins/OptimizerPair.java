package dev.gantrack.djl.plugins;

import ai.djl.nn.Parameter;
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
  default Optimizer generator(List<Parameter> parameters, long totalUpdates) {
    return TturOptimizers.create(generator(), parameters, totalUpdates);
  }

  @Override
  default Optimizer discriminator(List<Parameter> parameters, long totalUpdates) {
    return TturOptimizers.create(discriminator(), parameters, totalUpdates);
  }

  @Override
  default List<String> check(long generatorUpdates, long discriminatorUpdates) {
    return TturOptimizers.check(generator(), discriminator(), generatorUpdates, discriminatorUpdates);
  }
}
