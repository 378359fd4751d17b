package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * returns: no network on the caller's thread. A daemon thread delivers the spool in order (see
 * {@link Courier} for the idempotency protocol), batching metrics into {@code runs/log-batch}
 * requests within MLflow's limits, and retries with exponential backoff (0.5 s doubling up to
 * {@code retry-seconds}) while the server is unreachable; the MLflow experiment and run are
 * created as soon as it answers, however late. Params and tags keys MLflow would refuse are
 * renamed reversibly (see {@link MlflowKeys}), long values are cut with a note.
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
 * <p>Histograms are not sent: MLflow has no such type.
 */
public final class MlflowTracker implements Tracker {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final long INITIAL_BACKOFF_MS = 500;
  private static final long LINGER_MS = 300;

  private final MlflowTrackerSpec spec;
  private final MlflowRest rest;
  private final List<String> secrets;
  private final Consumer<String> warnings;
  private final Duration closeWait;
  private final MlflowKeys paramKeys = new MlflowKeys();
  private final MlflowKeys tagKeys = new MlflowKeys();
  private final MlflowKeys metricKeys = new MlflowKeys();
  private final Object signal = new Object();
  private final AtomicBoolean warned = new AtomicBoolean();

  private volatile boolean closing;
  private volatile boolean stopped;
  private volatile boolean disabled;
  private volatile String failure;
  private volatile String lastProblem;
  private boolean closed;
  private int renamedCount;
  private long imageCount;
  private long lastForce; // delivery thread only

  private Path runDir;
  private String runId;
  private Spool spool;
  private FileChannel lockChannel;
  private FileLock lock;
  private Courier courier;
  private Thread worker;

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
      lockChannel = FileChannel.open(dir.resolve(Spool.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        lockChannel = null;
        disable("another mlflow tracker or 'gantrack sync' is using " + dir + "; this one records nothing");
        return;
      }
      spool = Spool.open(dir);
      if (spool.lastSeq() > 0) {
        restoreKeyMaps(dir);
      }
      String experiment = spec.experiment() != null ? spec.experiment() : run.experimentName();
      String runName = spec.runName() != null ? spec.runName() : run.runId();
      Map<String, String> params = new TreeMap<>();
      mapKeys(run.params(), paramKeys).forEach((k, v) -> params.put(k,
          MlflowKeys.truncate(redact(v), MlflowKeys.MAX_PARAM_VALUE_LENGTH)));
      Map<String, String> rawTags = new TreeMap<>(run.tags());
      rawTags.put("mlflow.runName", runName);
      rawTags.put("mlflow.source.name", "gantrack");
      rawTags.put(Courier.RUN_ID_TAG, run.runId());
      String user = System.getProperty("user.name");
      if (user != null && !user.isBlank()) {
        rawTags.putIfAbsent("mlflow.user", user);
      }
      Map<String, String> tags = new TreeMap<>();
      mapKeys(rawTags, tagKeys).forEach((k, v) -> tags.put(k,
          MlflowKeys.truncate(redact(v), MlflowKeys.MAX_TAG_VALUE_LENGTH)));
      long now = System.currentTimeMillis();
      spool.append("begin", n -> {
        n.put("time", now);
        n.put("trackingUri", spec.trackingUri());
        n.put("experiment", experiment);
        n.put("runName", runName);
        n.put("runId", run.runId());
        n.put("uploadArtifacts", spec.uploadArtifacts());
        n.put("retrySeconds", spec.retrySeconds());
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
      });
      appendKeyMapIfChanged();
      courier = new Courier(dir, rest, warnings, spool::force, () -> stopped);
    } catch (IOException | RuntimeException e) {
      disable("cannot keep a spool in " + dir + " (" + e + "); this run is not recorded in MLflow");
      return;
    }
    worker = new Thread(this::deliver, "gantrack-mlflow-" + run.runId());
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    if (!recording() || metrics.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    append("metrics", n -> {
      n.put("step", step);
      n.put("time", now);
      ObjectNode values = n.putObject("values");
      metrics.forEach((k, v) -> {
        if (v != null) {
          values.put(metricKeys.map(k), v.doubleValue());
        }
      });
    });
    appendKeyMapIfChanged();
  }

  @Override
  public void onImage(long step, String tag, byte[] png, int width, int height) {
    if (!recording() || !spec.uploadArtifacts()) {
      return;
    }
    // <tag>/step-XXXXXX.png: for the sample grids the same path as in the run folder
    String name = safeName(tag) + "/step-" + String.format("%06d", step) + ".png";
    String blob = Spool.BLOBS + "/" + (++imageCount) + "-" + name.replace('/', '-');
    try {
      Files.write(spool.dir().resolve(blob), png);
    } catch (IOException | RuntimeException e) {
      disable("cannot write " + blob + " in " + spool.dir() + " (" + e + "); MLflow recording stops here");
      return;
    }
    append("artifact", n -> {
      n.put("path", name);
      n.put("file", blob);
      n.put("blob", true);
    });
  }

  @Override
  public void onArtifact(Path file, String artifactPath) {
    if (!recording() || !spec.uploadArtifacts()) {
      return;
    }
    String path = artifactPath.replace('\\', '/');
    boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/");
    for (String segment : path.split("/", -1)) {
      bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }
    if (bad) {
      LOG.warn("mlflow: artifact path '{}' is not a relative path of names; {} not uploaded", artifactPath, file);
      return;
    }
    Path abs = file.toAbsolutePath().normalize();
    Path base = runDir.toAbsolutePath().normalize();
    String stored = abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    append("artifact", n -> {
      n.put("path", path);
      n.put("file", stored);
    });
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
      if (worker != null) {
        closing = true;
        wake();
        worker.join(closeWait.toMillis());
        if (worker.isAlive()) {
          stopped = true;
          wake();
          worker.interrupt();
          worker.join(1000);
        }
      }
    } catch (InterruptedException e) {
      stopped = true;
      Thread.currentThread().interrupt();
    } finally {
      stopped = true;
      if (spool != null && courier != null && failure == null) {
        long left = spool.lastSeq() - courier.delivered();
        if (left > 0) {
          String why = lastProblem != null ? " (" + lastProblem + ")" : "";
          warnOnce("mlflow: " + left + " records of run " + runId + " are not in " + spec.trackingUri()
              + " yet" + why + "; they are kept in " + spool.dir() + "; deliver them with: gantrack sync "
              + runDir);
        }
      }
      closeQuietly();
    }
  }

  // ---- delivery thread ----------------------------------------------------------------------

  private void deliver() {
    long backoff = INITIAL_BACKOFF_MS;
    while (!stopped) {
      try {
        courier.deliverAvailable();
        backoff = INITIAL_BACKOFF_MS;
        lastProblem = null;
        if (courier.delivered() >= spool.lastSeq()) {
          if (closing) {
            return;
          }
          idle();
        }
      } catch (MlflowCallException e) {
        if (stopped) {
          return;
        }
        if (!e.isTransient()) {
          fail(e.getMessage());
          return;
        }
        lastProblem = e.getMessage();
        LOG.debug("mlflow: delivery failed, retrying in {} ms: {}", backoff, e.getMessage());
        sleep(closing ? Math.min(backoff, 1000) : backoff);
        backoff = Math.min(backoff * 2, spec.retrySeconds() * 1000L);
      } catch (IOException | RuntimeException e) {
        if (!stopped) {
          fail("cannot read or update the spool in " + spool.dir() + ": " + e);
        }
        return;
      }
    }
  }

  /** Waits for new entries, then a little longer so that they can be batched. */
  private void idle() {
    while (!closing && !stopped) {
      forceSpoolNowAndThen();
      synchronized (signal) {
        if (closing || stopped || courier.delivered() < spool.lastSeq()) {
          break;
        }
        waitOn(1000);
      }
    }
    long deadline = System.currentTimeMillis() + LINGER_MS;
    synchronized (signal) {
      long left;
      while (!closing && !stopped && (left = deadline - System.currentTimeMillis()) > 0) {
        waitOn(left);
      }
    }
  }

  /** Waits {@code ms} (at most a second more once closing), forcing the spool about every second. */
  private void sleep(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    boolean shortened = closing;
    while (!stopped) {
      forceSpoolNowAndThen();
      synchronized (signal) {
        if (closing && !shortened) {
          shortened = true;
          deadline = Math.min(deadline, System.currentTimeMillis() + 1000);
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        waitOn(Math.min(left, 1000));
      }
    }
  }

  /** Forces appended entries to disk, at most once a second (never under the signal lock). */
  private void forceSpoolNowAndThen() {
    long now = System.currentTimeMillis();
    if (now - lastForce >= 1000) {
      lastForce = now;
      spool.force();
    }
  }

  private void waitOn(long ms) {
    try {
      signal.wait(ms);
    } catch (InterruptedException e) {
      stopped = true;
    }
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Test hook: waits until everything appended so far is delivered; false on timeout or failure. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (courier != null && courier.delivered() >= spool.lastSeq()) {
        return true;
      }
      if (failure != null || stopped) {
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

  Courier.Stats stats() {
    return courier == null ? new Courier.Stats() : courier.stats();
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
    wake();
  }

  /**
   * {@code entries} under their MLflow keys: valid keys first, then the others in sorted order, so
   * that a valid key is never the one renamed because of a clash, and renames are reproducible.
   */
  private static Map<String, String> mapKeys(Map<String, String> entries, MlflowKeys keys) {
    Map<String, String> sorted = new TreeMap<>(entries);
    Map<String, String> out = new TreeMap<>();
    sorted.forEach((k, v) -> {
      if (MlflowKeys.isValid(k)) {
        out.put(keys.map(k), v);
      }
    });
    sorted.forEach((k, v) -> {
      if (!MlflowKeys.isValid(k)) {
        out.put(keys.map(k), v);
      }
    });
    return out;
  }

  private void appendKeyMapIfChanged() {
    int count = paramKeys.renamedCount() + tagKeys.renamedCount() + metricKeys.renamedCount();
    if (count == renamedCount) {
      return;
    }
    renamedCount = count;
    Map<String, String> p = paramKeys.renamedInOrder();
    Map<String, String> t = tagKeys.renamedInOrder();
    Map<String, String> m = metricKeys.renamedInOrder();
    append("keymap", n -> {
      n.put("upload", spec.uploadArtifacts());
      ObjectNode map = n.putObject("map");
      p.forEach(map.putObject("params")::put);
      t.forEach(map.putObject("tags")::put);
      m.forEach(map.putObject("metrics")::put);
    });
  }

  /** Reopening a run's spool (a resumed run): keep renaming keys the way it did before. */
  private void restoreKeyMaps(Path dir) throws IOException {
    JsonNode lastMap = null;
    try (SpoolReader r = new SpoolReader(dir.resolve(Spool.FILE), 0)) {
      List<SpoolReader.Entry> batch;
      while (!(batch = r.next(0, 10_000)).isEmpty()) {
        for (SpoolReader.Entry e : batch) {
          if (e.op().equals("keymap")) {
            lastMap = e.json().path("map");
          }
        }
      }
    }
    if (lastMap != null) {
      lastMap.path("params").fields().forEachRemaining(f -> paramKeys.restore(f.getKey(), f.getValue().asText()));
      lastMap.path("tags").fields().forEachRemaining(f -> tagKeys.restore(f.getKey(), f.getValue().asText()));
      lastMap.path("metrics").fields().forEachRemaining(f -> metricKeys.restore(f.getKey(), f.getValue().asText()));
      renamedCount = paramKeys.renamed().size() + tagKeys.renamed().size() + metricKeys.renamed().size();
    }
  }

  private String redact(String value) {
    String v = value;
    for (String s : secrets) {
      v = v.replace(s, "***");
    }
    return v;
  }

  private static String safeName(String tag) {
    StringBuilder b = new StringBuilder();
    for (char c : (tag == null || tag.isEmpty() ? "image" : tag).toCharArray()) {
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    String s = b.toString();
    return s.startsWith(".") ? "_" + s.substring(1) : s;
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
    List<AutoCloseable> all = new ArrayList<>();
    if (courier != null) {
      all.add(courier);
    }
    if (spool != null) {
      all.add(spool);
    }
    if (lock != null) {
      all.add(lock);
    }
    if (lockChannel != null) {
      all.add(lockChannel);
    }
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("mlflow: closing {}: {}", c, e.toString());
      }
    }
  }
}
