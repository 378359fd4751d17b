package dev.gantrack.djl.builtins.optim;

import ai.djl.nn.Parameter;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Problem;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.ArrayList;
import java.util.List;

/** Builds the optimizer that resolved {@link OptimizerOptions} name; shared by every TTUR spec. */
final class TturOptimizers {
  private TturOptimizers() {}

  /** The optimizer of {@code parameters} for a run of {@code totalUpdates} updates (for its schedule). */
  static DjlTturSpec.Optimizer create(OptimizerOptions options, List<Parameter> parameters, long totalUpdates,
      RunServices run) {
    LearningRateSchedule schedule = new LearningRateSchedule(options, totalUpdates);
    TensorKernels kernels = run.get(TensorKernels.class);
    return switch (options.optimizer()) {
      case "adam", "adamw" -> new AdamOptimizer(parameters, options, schedule, kernels);
      case "sgd" -> new SgdOptimizer(parameters, options, schedule, kernels);
      case "rmsprop" -> new RmsPropOptimizer(parameters, options, schedule, kernels);
      default -> throw new InvalidOptionException("optimizer", "unknown '" + options.optimizer() + "'");
    };
  }

  /** A warm-up may not outlast the run: problems at {@code generator.warmup} etc. (relative to {@code ttur:}). */
  static List<Problem> check(OptimizerOptions generator, OptimizerOptions discriminator, long gUpdates, long dUpdates) {
    List<Problem> problems = new ArrayList<>();
    if (generator.warmup() > gUpdates) {
      problems.add(Problem.at("generator.warmup", generator.warmup() + " updates is longer than the " + gUpdates
          + " G updates of the run (training.steps × g-steps)"));
    }
    if (discriminator.warmup() > dUpdates) {
      problems.add(Problem.at("discriminator.warmup", discriminator.warmup() + " updates is longer than the "
          + dUpdates + " D updates of the run (training.steps × d-steps)"));
    }
    return problems;
  }
}
