package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what a run's {@code mlflow} tracker left in its spool ({@code
 * <runDir>/mlflow-spool/}), e.g. because the server was down when the run ended: the body of
 * {@code gantrack sync RUN_DIR}.
 *
 * <p>It sends to the tracking URI recorded in the spool (or another one, for a server that moved: the
 * MLflow experiment and run ids recorded as delivered stay as they are), with credentials from the environment,
 * in the same order and with the same idempotency as the tracker (see {@link MlflowTracker}):
 * running it again, or after it was interrupted, never duplicates anything; when everything is
 * delivered it sends nothing at all. It refuses to run while a tracker (or another sync) holds the
 * spool.
 */
public final class MlflowSync {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowSync.class);

  /** How long {@link #sync(Path)} keeps retrying an unreachable server. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);

  private MlflowSync() {}

  /**
   * What a sync did.
   *
   * @param runDir the run folder
   * @param spoolFound whether the run folder has an MLflow spool at all
   * @param delivered entries delivered by this sync
   * @param remaining entries still not delivered
   * @param metricsSent metric points sent by this sync
   * @param metricsAlreadyThere metric points found on the server already and not sent again
   * @param mlflowRunId the MLflow run id, when known
   * @param problem why entries remain, or null
   */
  public record Result(
      Path runDir,
      boolean spoolFound,
      long delivered,
      long remaining,
      long metricsSent,
      long metricsAlreadyThere,
      String mlflowRunId,
      String problem) {

    /** True when nothing is left to deliver. */
    public boolean complete() {
      return remaining == 0 && problem == null;
    }

    /** One line for the CLI. */
    public String summary() {
      if (!spoolFound) {
        return runDir + ": no MLflow spool, nothing to sync";
      }
      String s = runDir + ": " + delivered + " records delivered" + (mlflowRunId != null ? " to MLflow run " + mlflowRunId : "")
          + ", " + remaining + " left";
      return problem == null ? s : s + " (" + problem + ")";
    }
  }

  /**
   * Delivers the spool of {@code runDir} with credentials from the process environment, retrying
   * an unreachable server for at most {@link #DEFAULT_MAX_WAIT}.
   */
  public static Result sync(Path runDir) {
    return sync(runDir, null, System.getenv(), DEFAULT_MAX_WAIT);
  }

  /**
   * Delivers the spool of {@code runDir} to {@code trackingUri} (null: the one recorded in the spool),
   * with credentials from the process environment, retrying an unreachable server for at most {@code maxWait}.
   */
  public static Result sync(Path runDir, String trackingUri, Duration maxWait) {
    return sync(runDir, trackingUri, System.getenv(), maxWait);
  }

  /**
   * Delivers the spool of {@code runDir}.
   *
   * @param runDir the run folder
   * @param trackingUri where to deliver, or null for the URI recorded in the spool
   * @param env where credentials come from ({@code MLFLOW_TRACKING_TOKEN}, or {@code
   *     MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD})
   * @param maxWait how long to keep retrying while the server is unreachable (0: one attempt)
   */
  public static Result sync(Path runDir, Map<String, String> env, Duration maxWait) {
    return sync(runDir, null, env, maxWait, LOG::warn);
  }

  /** As {@link #sync(Path, Map, Duration)}, to {@code trackingUri} (null: the one recorded in the spool). */
  public static Result sync(Path runDir, String trackingUri, Map<String, String> env, Duration maxWait) {
    return sync(runDir, trackingUri, env, maxWait, LOG::warn);
  }

  /**
   * Records {@code metrics} at {@code step} in the spool of a finished run that has one (as {@code
   * gantrack eval} does with its values), for {@link #sync} to deliver to the same MLflow run; false
   * when the run has no MLflow spool. Fails when a tracker or a sync is using the spool.
   */
  public static boolean appendMetrics(Path runDir, long step, Map<String, Double> metrics) throws IOException {
    Path dir = Spool.dirOf(runDir);
    if (!Files.isRegularFile(dir.resolve(Spool.FILE)) || SpoolReader.readBegin(dir) == null) {
      return false;
    }
    try (SpoolLock lock = SpoolLock.tryAcquire(dir)) {
      if (lock == null) {
        throw new IOException(dir + " is in use by a running tracker or a sync; try again when it has finished");
      }
      try (Spool spool = Spool.open(dir)) {
        SpoolEntries entries = new SpoolEntries(List.of());
        entries.restore(dir);
        spool.append("metrics", entries.metrics(step, metrics));
        boolean upload = SpoolReader.readBegin(dir).path("uploadArtifacts").asBoolean(true);
        Consumer<ObjectNode> keyMap = entries.keyMapIfChanged(upload);
        if (keyMap != null) {
          spool.append("keymap", keyMap);
        }
      }
    }
    return true;
  }

  static Result sync(Path runDir, Map<String, String> env, Duration maxWait, Consumer<String> warnings) {
    return sync(runDir, null, env, maxWait, warnings);
  }

  static Result sync(Path runDir, String trackingUri, Map<String, String> env, Duration maxWait,
      Consumer<String> warnings) {
    Path dir = Spool.dirOf(runDir);
    if (!Files.isRegularFile(dir.resolve(Spool.FILE))) {
      return new Result(runDir, false, 0, 0, 0, 0, null, null);
    }
    try (SpoolLock lock = SpoolLock.tryAcquire(dir)) {
      if (lock == null) {
        return new Result(runDir, true, 0, -1, 0, 0, null,
            "the spool is in use by a running tracker or another sync; try again when it has finished");
      }
      return syncLocked(runDir, dir, trackingUri, env, maxWait, warnings);
    } catch (IOException e) {
      return new Result(runDir, true, 0, -1, 0, 0, null, "cannot use " + dir + ": " + e);
    }
  }

  private static Result syncLocked(Path runDir, Path dir, String trackingUri, Map<String, String> env,
      Duration maxWait, Consumer<String> warnings) throws IOException {
    ObjectNode begin = SpoolReader.readBegin(dir);
    if (begin == null) {
      return new Result(runDir, true, 0, -1, 0, 0, null, dir + " does not start with a 'begin' record");
    }
    String uri = trackingUri != null ? trackingUri : begin.path("trackingUri").asText();
    Backoff backoff = new Backoff(Math.max(1, begin.path("retrySeconds").asLong(30)) * 1000L);
    MlflowRest rest = new MlflowRest(uri, MlflowRest.credentials(uri, env));
    try (Spool spool = Spool.open(dir);
        Courier courier = new Courier(dir, rest, new MetricBatching(), warnings, spool::force, () -> false)) {
      long before = courier.delivered();
      long deadline = System.nanoTime() + maxWait.toNanos();
      String problem = null;
      while (true) {
        try {
          courier.deliverAvailable();
          problem = null;
          break;
        } catch (MlflowCallException e) {
          problem = e.getMessage();
          if (!e.isTransient() || System.nanoTime() + backoff.delayMs() * 1_000_000L > deadline) {
            break;
          }
          LOG.debug("mlflow sync: {}; retrying in {} ms", e.getMessage(), backoff.delayMs());
          try {
            Thread.sleep(backoff.delayMs());
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
            break;
          }
          backoff.lengthen();
        }
      }
      long remaining = spool.lastSeq() - courier.delivered();
      DeliveryStats st = courier.stats();
      return new Result(runDir, true, courier.delivered() - before, remaining, st.metricsSent,
          st.metricsAlreadyThere, courier.state().runId(), problem);
    }
  }
}
