package dev.gantrack.experiments.sweep.exec;

import java.util.function.BooleanSupplier;

/**
 * Where a sweep's trials run: this machine (a child JVM per trial) or an Apache Spark cluster (a
 * one-task job per trial). The coordinator calls {@link #run} from {@link #slots()} threads at
 * once; each call blocks until its trial has ended.
 */
public interface TrialExecutor extends AutoCloseable {
  /** How many trials run at once. */
  int slots();

  /** Where and how trials run, for the console ({@code "here, 2 at a time, 1 thread each"}). */
  String describe();

  /**
   * Runs one attempt to its end in {@code job.runDirectory()} and returns the exit code of the trial
   * ({@code gantrack trial}'s: 0 finished, 1 failed, 2 refused, 130 stopped; anything else means it
   * crashed). A trial's failure is never thrown: only the executor's own (it cannot start trials at
   * all). When {@code stop} turns true the trial is stopped and ends KILLED.
   */
  int run(TrialJob job, BooleanSupplier stop) throws Exception;

  @Override
  default void close() throws Exception {}
}
