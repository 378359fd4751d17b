package dev.gantrack.trackers.mlflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The one owner of a spool's {@code state.json} during a delivery: holds the current {@link
 * SpoolState} and saves every change at once, after forcing the spool to disk (so the state never
 * points past what the spool file holds). Once delivery is stopped, changes are kept in memory
 * only.
 */
final class DeliveryLedger {
  private final Path spoolDir;
  private final Runnable flush;
  private final BooleanSupplier stopped;
  private volatile SpoolState state;

  /**
   * @param spoolDir the spool folder, whose {@code state.json} is read now
   * @param flush forces the spool to disk before the state is written (the writer's, if any)
   * @param stopped when true, no state is written
   */
  DeliveryLedger(Path spoolDir, Runnable flush, BooleanSupplier stopped) throws IOException {
    this.spoolDir = spoolDir;
    this.flush = flush;
    this.stopped = stopped;
    this.state = SpoolState.load(spoolDir);
  }

  SpoolState state() {
    return state;
  }

  /** The MLflow experiment and run now exist. */
  void recordRun(String experimentId, String runId, String artifactUri) throws IOException {
    state = state.withRun(experimentId, runId, artifactUri);
    save();
  }

  /** Entries {@code from..to} (metrics) are about to be sent: their outcome is unknown until acked. */
  void markInflight(long from, long to) throws IOException {
    state = state.withInflight(from, to);
    save();
  }

  /** Entries up to {@code seq}, which ends at spool offset {@code endOffset}, are delivered. */
  void recordDelivered(long seq, long endOffset) throws IOException {
    state = state.withDelivered(seq, endOffset);
    save();
  }

  private void save() throws IOException {
    if (stopped.getAsBoolean()) {
      return;
    }
    flush.run();
    state.save(spoolDir);
  }
}
