package dev.gantrack.experiments.sweep.exec;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.sweep.SweepPlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Somewhere other than this machine that runs a sweep's trials ({@code gantrack sweep --on
 * TARGET}), found with {@link ServiceLoader}: the Apache Spark executor of {@code backends/spark}
 * ({@code local[N]}, {@code spark://host:port}) when its jar is on the class path.
 */
public interface RemoteSweepTarget {
  /**
   * What {@code --on} asks for and what the trials need.
   *
   * @param parallel trials at once as asked for, 0 for the target's default
   * @param conf the target's own settings ({@code --spark-conf KEY=VALUE}), applied last
   */
  record Request(String target, int parallel, int gpusPerTrial, Path runsRoot, SweepPlan plan, Map<String, String> conf) {}

  /** Whether {@code target} is one of this executor's ({@code spark://...}, {@code local[2]}). */
  boolean accepts(String target);

  /** The form of the targets it accepts, for the error when none does ({@code "local[N], spark://HOST:PORT"}). */
  String forms();

  /**
   * Opens the executor; what cannot work (a target it cannot reach, an option it refuses, a runs
   * folder its workers cannot see) is an {@link ExperimentException} naming the option, before any
   * trial starts.
   */
  TrialExecutor open(Request request) throws ExperimentException;

  /** The target on the class path that accepts {@code target}. */
  static Optional<RemoteSweepTarget> find(String target) {
    for (RemoteSweepTarget t : ServiceLoader.load(RemoteSweepTarget.class)) {
      if (t.accepts(target)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
