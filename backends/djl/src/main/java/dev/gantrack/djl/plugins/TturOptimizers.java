package dev.gantrack.djl.plugins;

import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.ArrayList;
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

  /** A warm-up may not outlast the run: problems named {@code ttur.generator.warmup} etc. */
  static List<String> check(OptimizerOptions generator, OptimizerOptions discriminator, long gUpdates, long dUpdates) {
    List<String> problems = new ArrayList<>();
    if (generator.warmup() > gUpdates) {
      problems.add("ttur.generator.warmup: " + generator.warmup() + " updates is longer than the " + gUpdates
          + " G updates of the run (training.steps)");
    }
    if (discriminator.warmup() > dUpdates) {
      problems.add("ttur.discriminator.warmup: " + discriminator.warmup() + " updates is longer than the " + dUpdates
          + " D updates of the run (training.steps × d-steps)");
    }
    return problems;
  }
}
