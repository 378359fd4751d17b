package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run in an MLflow tracking server without ever making training wait for it.
 *
 * <p>Every callback only appends a line to the run's durable spool ({@code
 * <runDir>/mlflow-spool/spool.jsonl}, see {@link Spool}; images are written next to it) and
 * returns: no network on the caller's thread ({@link SpoolEntries} says what the entries hold). A
 * {@link DeliveryThread} delivers the spool in order (see {@link Courier} for the idempotency
 * protocol), batching metrics into {@code runs/log-batch} requests within MLflow's limits on a
 * time cadence (one call of up to 1,000 points every few seconds: {@link MetricBatching}), and
 * retries with exponential backoff (0.5 s doubling up to {@code retry-seconds}) while the server
 * is unreachable; the MLflow experiment and run are created as soon as it answers, however late.
 * Params and tags keys MLflow would refuse are renamed reversibly (see {@link MlflowKeys}), long
 * values are cut with a note.
 *
 * <p>{@link #close()} waits at most a few seconds for delivery, then leaves the rest in the spool
 * and logs one warning naming {@code gantrack sync <runDir>} ({@link MlflowSync}). A server that
 * refuses a request for good (4xx: validation, authentication, deleted experiment) stops delivery
 * with one warning; training goes on and the spool keeps everything for a later sync.
 *
 * <p>Credentials come from {@code MLFLOW_TRACKING_TOKEN} or {@code MLFLOW_TRACKING_USERNAME} /
 * {@code MLFLOW_TRACKING_PASSWORD} of the environment given to the constructor. They are only
 * sent in the {@code Authorization} header; any param or tag value that contains one is recorded
 * with {@code ***} instead.
 *
 * <p>A resumed run ({@link RunInfo#resumed()}) reopens its spool and continues the same MLflow run:
 * its {@code begin} entry sets the run back to RUNNING and adds its tags (params stay as first
 * logged: MLflow refuses to change one), and metric points and images of steps the spool already
 * holds (logged before the crash, delivered or not) are not recorded again, so MLflow has each point
 * once.
 *
 * <p>Warnings become run tags ({@code runs/set-tag}, the latest per tag). Histograms are not sent:
 * MLflow has no such type.
 */
public final class MlflowTracker implements Tracker {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final MlflowTrackerSpec spec;
  private final MlflowRest rest;
  private final List<String> secrets;
  private final Consumer<String> warnings;
  private final Duration closeWait;
  private final AtomicBoolean warned = new AtomicBoolean();

  private volatile boolean disabled;
  private volatile String failure;
  private boolean closed;
  private long imageCount;
  private long loggedThrough = -1; // a resumed run: the last step the spool holds (its values are not logged again)

  private Path runDir;
  private String runId;
  private SpoolLock lock;
  private Spool spool;
  private SpoolEntries entries;
  private DeliveryThread delivery;

  /**
   * A tracker for {@code spec}, with credentials taken from {@code env} ({@code System.getenv()} in
   * production).
   */
  public MlflowTracker(MlflowTrackerSpec spec, Map<String, String> env) {
    this(spec, env, null, CLOSE_WAIT);
  }

  /** As above, with the warning sink and the close wait open for tests. */
  MlflowTracker(MlflowTrackerSpec spec, Map<String, String> env, Consumer<String> warnings, Duration closeWait) {
    this.spec = spec;
    MlflowHostCredsProvider creds = MlflowRest.credentials(spec.trackingUri(), env);
    this.rest = new MlflowRest(spec.trackingUri(), creds);
    this.secrets = MlflowRest.secrets(creds);
    this.warnings = warnings != null ? warnings : LOG::warn;
    this.closeWait = closeWait;
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    if (spool != null || disabled) {
      return;
    }
    runDir = run.runDirectory();
    runId = run.runId();
    Path dir = Spool.dirOf(runDir);
    try {
      Files.createDirectories(dir);
      lock = SpoolLock.tryAcquire(dir);
      if (lock == null) {
        disable("another mlflow tracker or 'gantrack sync' is using " + dir + "; this one records nothing");
        return;
      }
      spool = Spool.open(dir);
      entries = new SpoolEntries(secrets);
      boolean continuing = spool.lastSeq() > 0 && run.resumed();
      if (spool.lastSeq() > 0) {
        long spooled = entries.restore(dir);
        loggedThrough = continuing ? spooled : -1;
      }
      spool.append("begin", entries.begin(run, spec, continuing));
      appendKeyMapIfChanged();
      delivery = new DeliveryThread("gantrack-mlflow-" + run.runId(), dir, spool, rest,
          spec.retrySeconds() * 1000L, warnings, this::fail);
    } catch (IOException | RuntimeException e) {
      disable("cannot keep a spool in " + dir + " (" + e + "); this run is not recorded in MLflow");
      return;
    }
    delivery.start();
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    Map<String, Double> fresh = step <= loggedThrough ? entries.notSpooled(step, metrics) : metrics;
    if (!recording() || fresh.isEmpty()) {
      return;
    }
    append("metrics", entries.metrics(step, fresh));
    if (delivery != null) {
      delivery.metricsAppended(fresh.size());
    }
    appendKeyMapIfChanged();
  }

  @Override
  public void onImage(long step, String tag, byte[] png, int width, int height) {
    if (!recording() || !spec.uploadArtifacts() || step < loggedThrough) { // at loggedThrough: uploaded again to the same path at most
      return;
    }
    String name = SpoolEntries.imagePath(tag, step);
    String blob = Spool.BLOBS + "/" + (++imageCount) + "-" + name.replace('/', '-');
    try {
      Files.write(spool.dir().resolve(blob), png);
    } catch (IOException | RuntimeException e) {
      disable("cannot write " + blob + " in " + spool.dir() + " (" + e + "); MLflow recording stops here");
      return;
    }
    append("artifact", entries.blobArtifact(name, blob));
  }

  /** A warning becomes a run tag named by its tag ({@code health/d-lost}); the latest wins. */
  @Override
  public void onWarning(long step, String tag, String message) {
    if (!recording()) {
      return;
    }
    append("tag", entries.tag(tag, message));
    appendKeyMapIfChanged();
  }

  @Override
  public void onArtifact(Path file, String artifactPath) {
    if (!recording() || !spec.uploadArtifacts()) {
      return;
    }
    String path = artifactPath.replace('\\', '/');
    if (!SpoolEntries.isRelativePathOfNames(path)) {
      LOG.warn("mlflow: artifact path '{}' is not a relative path of names; {} not uploaded", artifactPath, file);
      return;
    }
    append("artifact", entries.fileArtifact(path, file, runDir));
  }

  @Override
  public void onTrainingEnd(RunStatus status) {
    if (!recording()) {
      return;
    }
    long now = System.currentTimeMillis();
    append("end", n -> {
      n.put("status", status.name());
      n.put("time", now);
    });
  }

  /**
   * Waits at most 5 seconds for the spool to be delivered, then stops the delivery thread; what is
   * left stays in the spool, and one warning says how to deliver it later.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (delivery != null) {
        delivery.finish(closeWait);
        long left = spool.lastSeq() - delivery.delivered();
        if (left > 0 && failure == null) {
          String why = delivery.lastProblem() != null ? " (" + delivery.lastProblem() + ")" : "";
          warnOnce("mlflow: " + left + " records of run " + runId + " are not in " + spec.trackingUri()
              + " yet" + why + "; they are kept in " + spool.dir() + "; deliver them with: gantrack sync "
              + runDir);
        }
      }
    } finally {
      closeQuietly();
    }
  }

  /** Test hook: waits until everything appended so far is delivered; false on timeout or failure. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (delivery != null && delivery.delivered() >= spool.lastSeq()) {
        return true;
      }
      if (failure != null || closed || delivery != null && delivery.isStopped()) {
        return false;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** The reason delivery stopped for good, if it did. */
  String failure() {
    return failure;
  }

  DeliveryStats stats() {
    return delivery == null ? new DeliveryStats() : delivery.stats();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private boolean recording() {
    return spool != null && !disabled && !closed;
  }

  private void append(String op, Consumer<ObjectNode> body) {
    try {
      spool.append(op, body);
    } catch (IOException | RuntimeException e) {
      disable("cannot append to " + spool.dir() + " (" + e + "); MLflow recording stops here");
      return;
    }
    if (delivery != null) {
      delivery.wake();
    }
  }

  private void appendKeyMapIfChanged() {
    Consumer<ObjectNode> keyMap = entries.keyMapIfChanged(spec.uploadArtifacts());
    if (keyMap != null) {
      append("keymap", keyMap);
    }
  }

  private void fail(String message) {
    failure = message;
    warnOnce("mlflow: recording of run " + runId + " in " + spec.trackingUri() + " stopped: " + message
        + ". Training goes on; the records stay in " + (spool != null ? spool.dir() : "the run folder")
        + "; once the cause is fixed, deliver them with: gantrack sync " + runDir);
  }

  private void disable(String message) {
    disabled = true;
    failure = message;
    warnOnce("mlflow: " + message);
  }

  private void warnOnce(String line) {
    if (warned.compareAndSet(false, true)) {
      warnings.accept(line);
    } else {
      LOG.debug(line);
    }
  }

  private void closeQuietly() {
    for (AutoCloseable c : new AutoCloseable[] {delivery, spool, lock}) { // in this order; null: never opened
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        LOG.debug("mlflow: closing {}: {}", c, e.toString());
      }
    }
  }
}
