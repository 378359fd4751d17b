package dev.gantrack.trackers.mlflow;

import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Delivers a spool to the MLflow server, in {@code seq} order, once: reads the spool ahead,
 * hands each entry to the piece that delivers its {@code op} and acknowledges it in the {@link
 * DeliveryLedger} ({@code state.json}) once its effect is on the server.
 *
 * <ul>
 *   <li>{@code begin}, {@code end}: {@link RunLifecycle}, which also makes sure the run exists
 *       before any other entry is delivered;
 *   <li>{@code metrics}: groups chosen by {@link MetricBatching}, delivered exactly once by {@link
 *       MetricDelivery};
 *   <li>{@code artifact}, {@code keymap}: {@link ArtifactUpload}.
 * </ul>
 *
 * <p>Every call but logging metrics is idempotent on the server, so re-sending an entry whose
 * acknowledgement was lost is harmless; metrics are marked in flight before they are sent and
 * checked against the server when their outcome is unknown (see {@link MetricDelivery}).
 */
final class Courier implements Closeable {
  private static final int READ_AHEAD = 4000;

  private final SpoolReader reader;
  private final Deque<Entry> pending = new ArrayDeque<>();
  private final DeliveryStats stats = new DeliveryStats();
  private final DeliveryLedger ledger;
  private final MetricBatching batching;
  private final RunLifecycle run;
  private final MetricDelivery metrics;
  private final ArtifactUpload artifacts;
  private final Consumer<String> warn;
  private final BooleanSupplier stopped;

  /**
   * @param spoolDir the spool folder ({@code <runDir>/mlflow-spool})
   * @param rest the server
   * @param batching which metrics entries go together
   * @param warn where non-fatal problems go (one line each)
   * @param flush forces the spool to disk before state is written (the writer's, if any)
   * @param stopped when true, no new request is started and no state is written
   */
  Courier(Path spoolDir, MlflowRest rest, MetricBatching batching, Consumer<String> warn, Runnable flush,
      BooleanSupplier stopped) throws IOException {
    this.ledger = new DeliveryLedger(spoolDir, flush, stopped);
    this.reader = new SpoolReader(spoolDir.resolve(Spool.FILE), ledger.state().offset());
    StoppableRest calls = new StoppableRest(rest, stopped, stats);
    this.batching = batching;
    this.run = new RunLifecycle(spoolDir, calls, ledger, stats);
    this.metrics = new MetricDelivery(calls, ledger, batching, stats, stopped);
    this.artifacts = new ArtifactUpload(spoolDir, calls, ledger, stats, warn);
    this.warn = warn;
    this.stopped = stopped;
  }

  /** The highest {@code seq} delivered. */
  long delivered() {
    return ledger.state().delivered();
  }

  SpoolState state() {
    return ledger.state();
  }

  DeliveryStats stats() {
    return stats;
  }

  /**
   * Delivers every complete entry in the spool now; returns when there is none left (or when
   * stopped). Throws on the first failure; what was delivered before it stays delivered.
   */
  void deliverAvailable() throws MlflowCallException, IOException {
    deliverUpTo(Long.MAX_VALUE, false);
  }

  /**
   * Delivers the complete entries up to {@code seq} {@code last} (those appended while it runs wait
   * for the next round, so that they go together); with {@code fullGroupsOnly}, stops before the
   * metrics group that ends with the last of them (it could take more). Otherwise as {@link
   * #deliverAvailable}.
   */
  void deliverUpTo(long last, boolean fullGroupsOnly) throws MlflowCallException, IOException {
    while (!stopped.getAsBoolean()) {
      if (pending.size() < READ_AHEAD) {
        long after = pending.isEmpty() ? ledger.state().delivered() : pending.peekLast().seq();
        pending.addAll(reader.next(after, READ_AHEAD));
      }
      Entry e = pending.peekFirst();
      if (e == null || e.seq() > last) {
        return;
      }
      switch (e.op()) {
        case "begin" -> {
          run.begin(e);
          ack(e);
        }
        case "metrics" -> {
          if (!deliverMetrics(last, fullGroupsOnly)) {
            return;
          }
        }
        case "artifact" -> {
          run.ensure();
          boolean uploaded = artifacts.upload(e);
          ack(e);
          if (uploaded) {
            artifacts.removeBlob(e);
          }
        }
        case "keymap" -> {
          run.ensure();
          artifacts.keyMap(e);
          ack(e);
        }
        case "end" -> {
          run.end(e);
          ack(e);
        }
        default -> {
          warn.accept("mlflow: spool entry " + e.seq() + " has unknown op '" + e.op() + "'; skipped");
          ack(e);
        }
      }
    }
  }

  /** Delivers the next metrics group; false when it is left for later (a tail group that is not full). */
  private boolean deliverMetrics(long last, boolean fullGroupsOnly) throws MlflowCallException, IOException {
    List<Entry> group = batching.group(() -> pending.stream().takeWhile(x -> x.seq() <= last).iterator());
    Entry end = group.get(group.size() - 1);
    if (fullGroupsOnly && pending.stream().noneMatch(x -> x.seq() > end.seq() && x.seq() <= last)) {
      return false; // the group ends with what is there: it could take more, so it waits for the cadence
    }
    run.ensure();
    if (metrics.deliver(group)) {
      for (int k = 0; k < group.size() - 1; k++) {
        pending.removeFirst();
      }
      ack(end);
    }
    return true;
  }

  private void ack(Entry e) throws IOException {
    if (!pending.isEmpty() && pending.peekFirst().seq() == e.seq()) {
      pending.removeFirst();
    }
    ledger.recordDelivered(e.seq(), e.endOffset());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
