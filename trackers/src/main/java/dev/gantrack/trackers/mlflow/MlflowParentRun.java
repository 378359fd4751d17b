package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.track.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's run in MLflow, the parent its trials' runs are nested under: a trial carries the tag
 * {@value RunLifecycle#PARENT_RUN_TAG} = {@link #runId()} among its tags, and its own tracker
 * creates its run with it. The parent is found by its tag {@value #SWEEP_TAG} before one is
 * created, so running a sweep again (to finish what is left) keeps one parent. Its params are the
 * sweep's definition (what is varied, how trials are ranked); it ends with the sweep's status and
 * may hold the sweep's summary as an artifact.
 *
 * <p>Unlike a run's tracker, which spools, this talks to the server at once: a sweep's trials can
 * only be nested once the parent's id is known. A server that cannot be reached is an {@link
 * IOException}; the caller decides whether trials go on without a parent.
 */
public final class MlflowParentRun {
  /** The tag naming the gantrack sweep of an MLflow run (the parent's and every trial's). */
  public static final String SWEEP_TAG = "gantrack.sweep.id";

  /** MLflow's tag that nests a run under another. */
  public static final String PARENT_RUN_TAG = RunLifecycle.PARENT_RUN_TAG;

  private final MlflowRest rest;
  private final String runId;
  private final String artifactUri;

  private MlflowParentRun(MlflowRest rest, String runId, String artifactUri) {
    this.rest = rest;
    this.runId = runId;
    this.artifactUri = artifactUri;
  }

  /**
   * Finds or creates the parent run of sweep {@code sweepId} in MLflow experiment {@code experiment}
   * of the server {@code spec} names (credentials from {@code env}), and logs {@code params} (at
   * most 100, within MLflow's limits) and marks it RUNNING.
   */
  public static MlflowParentRun open(MlflowTrackerSpec spec, String experiment, String sweepId,
      Map<String, String> params, Map<String, String> env) throws IOException {
    MlflowRest rest = new MlflowRest(spec.trackingUri(), MlflowRest.credentials(spec.trackingUri(), env));
    try {
      String experimentId = MlflowLookups.experimentId(rest, experiment);
      JsonNode info = MlflowLookups.runTagged(rest, experimentId, SWEEP_TAG + ".parent", sweepId);
      if (info == null) {
        ObjectNode req = Spool.JSON.createObjectNode();
        req.put("experiment_id", experimentId);
        req.put("run_name", sweepId);
        req.put("start_time", System.currentTimeMillis());
        ArrayNode tags = req.putArray("tags");
        tags.addObject().put("key", SWEEP_TAG + ".parent").put("value", sweepId);
        tags.addObject().put("key", SWEEP_TAG).put("value", sweepId);
        tags.addObject().put("key", "mlflow.runName").put("value", sweepId);
        tags.addObject().put("key", "mlflow.source.name").put("value", "gantrack sweep");
        info = rest.post("runs/create", req).path("run").path("info");
      }
      String runId = info.path("run_id").asText(info.path("run_uuid").asText(""));
      if (runId.isEmpty()) {
        throw new IOException("MLflow at " + spec.trackingUri() + ": runs/create answered without a run id");
      }
      MlflowParentRun parent = new MlflowParentRun(rest, runId, info.path("artifact_uri").asText(""));
      parent.logParams(params);
      parent.status("RUNNING", null);
      return parent;
    } catch (MlflowCallException e) {
      throw new IOException("MLflow at " + spec.trackingUri() + ": " + e.getMessage(), e);
    }
  }

  /** The parent's MLflow run id: the value of each trial's {@value #PARENT_RUN_TAG} tag. */
  public String runId() {
    return runId;
  }

  /** Uploads {@code file} as artifact {@code artifactPath} when the server proxies artifacts; false otherwise. */
  public boolean upload(Path file, String artifactPath) throws IOException {
    if (!artifactUri.startsWith("mlflow-artifacts:")) {
      return false;
    }
    String root = URI.create(artifactUri).getPath().replaceAll("^/+|/+$", "");
    try {
      rest.putArtifact(root, artifactPath, file, Files.size(file));
      return true;
    } catch (MlflowCallException e) {
      throw new IOException("MLflow: upload of " + artifactPath + ": " + e.getMessage(), e);
    }
  }

  /** Ends the parent with the sweep's status. */
  public void end(RunStatus status) throws IOException {
    try {
      status(status.name(), System.currentTimeMillis());
    } catch (MlflowCallException e) {
      throw new IOException("MLflow: ending the sweep's run: " + e.getMessage(), e);
    }
  }

  private void status(String status, Long endTime) throws MlflowCallException {
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", runId);
    req.put("status", status);
    if (endTime != null) {
      req.put("end_time", endTime);
    }
    rest.post("runs/update", req);
  }

  private void logParams(Map<String, String> params) throws MlflowCallException {
    if (params.isEmpty()) {
      return;
    }
    MlflowKeys keys = new MlflowKeys();
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", runId);
    ArrayNode ps = req.putArray("params");
    new TreeMap<>(params).entrySet().stream().limit(MlflowRest.MAX_PARAMS_TAGS_PER_BATCH).forEach(e ->
        ps.addObject().put("key", keys.map(e.getKey()))
            .put("value", MlflowKeys.truncate(e.getValue(), MlflowKeys.MAX_PARAM_VALUE_LENGTH)));
    rest.post("runs/log-batch", req);
  }
}
