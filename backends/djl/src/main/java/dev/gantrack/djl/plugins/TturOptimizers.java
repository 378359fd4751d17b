package dev.gantrack.djl.plugins;

import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.List;

/** Builds the optimizer that resolved {@link OptimizerOptions} name; shared by every TTUR spec. */
final class TturOptimizers {
  private TturOptimizers() {}

  /** The optimizer of {@code parameters} for a run of {@code totalUpdates} updates (for its schedule). */
  static DjlTturSpec.Optimizer create(OptimizerOptions options, List<Parameter> parameters, long totalUpdates) {
    LearningRateSchedule schedule = new LearningRateSchedule(options, totalUpdates);
    return switch (options.optimizer()) {
      case "adam", "adamw" -> new AdamOptimizer(parameters, options, schedule);
      case "sgd" -> new SgdOptimizer(parameters, options, schedule);
      case "rmsprop" -> new RmsPropOptimizer(parameters, options, schedule);
      default -> throw new IllegalArgumentException("optimizer: unknown '" + options.optimizer() + "'");
    };
  }
}
