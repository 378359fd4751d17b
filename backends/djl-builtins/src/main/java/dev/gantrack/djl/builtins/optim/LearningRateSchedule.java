package dev.gantrack.djl.builtins.optim;

import dev.gantrack.api.InvalidOptionException;
/**
 * The learning rate at each update {@code t = 1..total} of one optimizer. During {@code warmup}
 * updates it rises linearly, {@code lr·t/warmup}; after that, with {@code s = t − warmup} and
 * {@code S = total − warmup}:
 * <ul>
 *   <li>{@code constant}: {@code lr};
 *   <li>{@code linear}: {@code lr·(1 − (1 − f)·s/S)}, reaching {@code f·lr} ({@code final-lr}) at the last update;
 *   <li>{@code cosine}: {@code lr·(f + (1 − f)·(1 + cos(π·s/S))/2)}, also reaching {@code f·lr} at the end;
 *   <li>{@code step}: {@code lr·γ^⌊(s − 1)/step-size⌋}, i.e. PyTorch's StepLR: the first {@code step-size}
 *       updates use {@code lr}, the next {@code step-size} use {@code γ·lr}, and so on.
 * </ul>
 * Counts past {@code total} are treated as {@code total}.
 */
final class LearningRateSchedule {
  private final String kind;
  private final double lr;
  private final double finalFraction;
  private final int stepSize;
  private final double gamma;
  private final long warmup;
  private final long total;

  /** The schedule of resolved {@code options} over {@code total} updates. */
  LearningRateSchedule(OptimizerOptions options, long total) {
    if (total < 1) {
      throw new IllegalArgumentException("the optimizer needs at least one update, got " + total);
    }
    if (options.warmup() > total) {
      throw new InvalidOptionException("warmup", options.warmup() + " updates is longer than the "
          + total + " updates of the run");
    }
    this.kind = options.schedule();
    this.lr = options.lr();
    this.finalFraction = options.finalLr() == null ? 0 : options.finalLr();
    this.stepSize = options.stepSize() == null ? 1 : options.stepSize();
    this.gamma = options.gamma() == null ? 1 : options.gamma();
    this.warmup = options.warmup();
    this.total = total;
  }

  /** The learning rate of update {@code t} (counting from 1). */
  double at(long t) {
    long u = Math.max(1, Math.min(t, total));
    if (u <= warmup) {
      return lr * u / warmup;
    }
    long s = u - warmup;
    double span = Math.max(1, total - warmup);
    return switch (kind) {
      case "constant" -> lr;
      case "linear" -> lr * (1 - (1 - finalFraction) * s / span);
      case "cosine" -> lr * (finalFraction + (1 - finalFraction) * (1 + Math.cos(Math.PI * s / span)) / 2);
      case "step" -> lr * Math.pow(gamma, (s - 1) / stepSize);
      default -> throw new IllegalStateException("unknown schedule " + kind);
    };
  }
}
