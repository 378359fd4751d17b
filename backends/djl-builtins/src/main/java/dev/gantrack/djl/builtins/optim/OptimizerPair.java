package dev.gantrack.djl.builtins.optim;

import ai.djl.nn.Parameter;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Problem;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.List;

/**
 * What every {@code ttur} type of this package shares: one resolved {@link OptimizerOptions} for G,
 * one for D, k D updates and g G updates per step, and whether the two are updated one after the
 * other or simultaneously. The types differ only in their presets.
 */
interface OptimizerPair extends TturSpec, DjlTturSpec {
  OptimizerOptions generator();

  OptimizerOptions discriminator();

  Integer discriminatorSteps();

  Integer generatorSteps();

  /** {@code alternating} or {@code simultaneous}. */
  String update();

  /** The {@code update:} choices. */
  List<String> UPDATES = List.of("alternating", "simultaneous");

  @Override
  default int dSteps() {
    return discriminatorSteps();
  }

  @Override
  default int gSteps() {
    return generatorSteps();
  }

  @Override
  default boolean simultaneous() {
    return "simultaneous".equals(update());
  }

  /** The checked {@code update:} option (alternating when unset); simultaneous needs one D and one G update per step. */
  static String update(String update, int dSteps, int gSteps) {
    String u = Checks.oneOf("update", update, "alternating", UPDATES);
    if ("simultaneous".equals(u) && (dSteps != 1 || gSteps != 1)) {
      throw new InvalidOptionException("update", "simultaneous takes one D and one G update per step from one fake"
          + " batch; it cannot be used with d-steps " + dSteps + " and g-steps " + gSteps + " (set both to 1)");
    }
    return u;
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
