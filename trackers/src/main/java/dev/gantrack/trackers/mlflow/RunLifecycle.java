package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The MLflow experiment and run of a spool, from its {@code begin} entry to its {@code end}: each
 * call is idempotent, so re-sending after a crash is harmless. The experiment is got by name and
 * created only on 404 ("already exists" means someone else just created it); the run is created
 * only after {@code runs/search} found no run of the experiment tagged {@value #RUN_ID_TAG} {@code
 * = <run id>}, so a create whose answer was lost is not repeated; params (with the value they
 * already have), tags and the final status may be set again.
 */
final class RunLifecycle {
  /** The tag that names the gantrack run of an MLflow run. */
  static final String RUN_ID_TAG = "gantrack.run-id";

  /** MLflow's tag that nests a run under another (a sweep's trial under the sweep's run). */
  static final String PARENT_RUN_TAG = "mlflow.parentRunId";

  private final Path spoolDir;
  private final StoppableRest rest;
  private final DeliveryLedger ledger;
  private final DeliveryStats stats;
  private ObjectNode begin;

  RunLifecycle(Path spoolDir, StoppableRest rest, DeliveryLedger ledger, DeliveryStats stats) {
    this.spoolDir = spoolDir;
    this.rest = rest;
    this.ledger = ledger;
    this.stats = stats;
  }

  /** Makes sure the MLflow run exists (creating experiment and run as needed) and is in the ledger. */
  void ensure() throws MlflowCallException, IOException {
    if (ledger.state().runId() != null) {
      return;
    }
    if (begin == null) {
      begin = SpoolReader.readBegin(spoolDir);
      if (begin == null) {
        throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
            "spool " + spoolDir + " does not start with a 'begin' entry", null);
      }
    }
    String experimentId = ledger.state().experimentId() != null
        ? ledger.state().experimentId()
        : MlflowLookups.experimentId(rest, begin.path("experiment").asText());
    String gantrackRunId = begin.path("runId").asText();
    JsonNode info = MlflowLookups.runTagged(rest, experimentId, RUN_ID_TAG, gantrackRunId);
    if (info == null) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("experiment_id", experimentId);
      req.put("run_name", begin.path("runName").asText());
      req.put("start_time", begin.path("time").asLong());
      ArrayNode tags = req.putArray("tags");
      addTag(tags, RUN_ID_TAG, gantrackRunId);
      addTag(tags, "mlflow.runName", begin.path("runName").asText());
      addTag(tags, "mlflow.source.name", "gantrack");
      String parent = begin.path("tags").path(PARENT_RUN_TAG).asText("");
      if (!parent.isEmpty()) {
        addTag(tags, PARENT_RUN_TAG, parent); // a sweep's trial: nested under its sweep's run from the start
      }
      info = rest.post("runs/create", req).path("run").path("info");
    }
    String runId = info.path("run_id").asText(info.path("run_uuid").asText(""));
    if (runId.isEmpty()) {
      throw new MlflowCallException(MlflowCallException.Kind.UNCERTAIN, 200, "",
          "runs/create: the answer has no run id", null);
    }
    ledger.recordRun(experimentId, runId, info.path("artifact_uri").asText(null));
  }

  /**
   * Delivers a {@code begin} entry: the run, then its params and tags in {@code runs/log-batch}
   * requests within MLflow's limits. The {@code begin} of a resumed run ({@code resumedAtStep})
   * finds the run of the first one, sets it back to RUNNING and adds its tags only.
   */
  void begin(Entry e) throws MlflowCallException, IOException {
    boolean resumed = e.json().has("resumedAtStep");
    if (!resumed) {
      begin = e.json();
    }
    ensure();
    if (resumed) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("run_id", ledger.state().runId());
      req.put("status", "RUNNING");
      rest.post("runs/update", req);
    }
    List<Map.Entry<String, String>> params = resumed ? List.of() : pairs(e.json().path("params"));
    List<Map.Entry<String, String>> tags = pairs(e.json().path("tags"));
    int p = 0;
    int t = 0;
    while (p < params.size() || t < tags.size()) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("run_id", ledger.state().runId());
      ArrayNode ps = req.putArray("params");
      ArrayNode ts = req.putArray("tags");
      int bytes = 100;
      while (p < params.size() && ps.size() < MlflowRest.MAX_PARAMS_TAGS_PER_BATCH) {
        int size = jsonSize(params.get(p));
        if (ps.size() > 0 && bytes + size > MlflowRest.MAX_BATCH_BYTES) {
          break;
        }
        ps.addObject().put("key", params.get(p).getKey()).put("value", params.get(p).getValue());
        bytes += size;
        p++;
      }
      while (t < tags.size() && ts.size() < MlflowRest.MAX_PARAMS_TAGS_PER_BATCH) {
        int size = jsonSize(tags.get(t));
        if (ps.size() + ts.size() > 0 && bytes + size > MlflowRest.MAX_BATCH_BYTES) {
          break;
        }
        ts.addObject().put("key", tags.get(t).getKey()).put("value", tags.get(t).getValue());
        bytes += size;
        t++;
      }
      rest.post("runs/log-batch", req);
      stats.paramTagBatches++;
    }
  }

  /** Delivers an {@code end} entry: the run's final status and end time. */
  void end(Entry e) throws MlflowCallException, IOException {
    ensure();
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", ledger.state().runId());
    req.put("status", e.json().path("status").asText("FINISHED"));
    req.put("end_time", e.json().path("time").asLong());
    rest.post("runs/update", req);
  }

  private static List<Map.Entry<String, String>> pairs(JsonNode obj) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      out.add(Map.entry(f.getKey(), f.getValue().asText()));
    }
    return out;
  }

  private static void addTag(ArrayNode tags, String key, String value) {
    tags.addObject().put("key", key).put("value", value);
  }

  /** The JSON size of one {@code {"key": ..., "value": ...}} object, plus a comma. */
  private static int jsonSize(Map.Entry<String, String> kv) {
    try {
      return Spool.JSON.writeValueAsBytes(kv.getKey()).length
          + Spool.JSON.writeValueAsBytes(kv.getValue()).length + 20;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
