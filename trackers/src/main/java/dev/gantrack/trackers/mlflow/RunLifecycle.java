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
 * already have), tags (from {@code begin} and from {@code tag} entries) and the final status may be
 * set again.
 */
final class RunLifecycle {
  /** The tag that names the gantrack run of an MLflow run. */
  static final String RUN_ID_TAG = "gantrack.run-id";

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
        : experiment(begin.path("experiment").asText());
    String gantrackRunId = begin.path("runId").asText();
    JsonNode info = findRun(experimentId, gantrackRunId);
    if (info == null) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("experiment_id", experimentId);
      req.put("run_name", begin.path("runName").asText());
      req.put("start_time", begin.path("time").asLong());
      ArrayNode tags = req.putArray("tags");
      addTag(tags, RUN_ID_TAG, gantrackRunId);
      addTag(tags, "mlflow.runName", begin.path("runName").asText());
      addTag(tags, "mlflow.source.name", "gantrack");
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
   * requests within MLflow's limits.
   */
  void begin(Entry e) throws MlflowCallException, IOException {
    begin = e.json();
    ensure();
    List<Map.Entry<String, String>> params = pairs(e.json().path("params"));
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

  /** Delivers a {@code tag} entry: sets the tag (again, harmlessly, if its answer was lost). */
  void tag(Entry e) throws MlflowCallException, IOException {
    ensure();
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", ledger.state().runId());
    req.put("key", e.json().path("key").asText());
    req.put("value", e.json().path("value").asText());
    rest.post("runs/set-tag", req);
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

  private String experiment(String name) throws MlflowCallException {
    for (int attempt = 0; ; attempt++) {
      try {
        JsonNode exp = rest.get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment");
        if ("deleted".equals(exp.path("lifecycle_stage").asText())) {
          throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
              "MLflow experiment '" + name + "' (id " + exp.path("experiment_id").asText()
                  + ") is deleted; restore it (mlflow experiments restore --experiment-id "
                  + exp.path("experiment_id").asText() + ") or set another 'experiment:'", null);
        }
        return exp.path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!(e.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) || attempt > 0) {
          throw e;
        }
      }
      try {
        ObjectNode req = Spool.JSON.createObjectNode().put("name", name);
        return rest.post("experiments/create", req).path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
          throw e;
        }
        // created meanwhile by someone else: get it by name again
      }
    }
  }

  private JsonNode findRun(String experimentId, String gantrackRunId) throws MlflowCallException {
    if (gantrackRunId.contains("'") || gantrackRunId.contains("\\")) {
      return null; // cannot be quoted in a filter; run ids never contain these
    }
    ObjectNode req = Spool.JSON.createObjectNode();
    req.putArray("experiment_ids").add(experimentId);
    req.put("filter", "tags.`" + RUN_ID_TAG + "` = '" + gantrackRunId + "'");
    req.put("max_results", 1);
    JsonNode runs = rest.post("runs/search", req).path("runs");
    return runs.isArray() && runs.size() > 0 ? runs.get(0).path("info") : null;
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
