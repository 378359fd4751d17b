package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run back through MLflow's REST API, the way a user of the server would see it. */
final class ReadBack {
  final MlflowRest rest;
  final JsonNode run;

  private ReadBack(MlflowRest rest, JsonNode run) {
    this.rest = rest;
    this.run = run;
  }

  /** The MLflow run tagged with gantrack run id {@code runId} in experiment {@code experiment}. */
  static ReadBack of(MlflowRest rest, String experiment, String runId) throws Exception {
    JsonNode exp = rest.get("experiments/get-by-name", Map.of("experiment_name", experiment)).path("experiment");
    ObjectNode req = Spool.JSON.createObjectNode();
    req.putArray("experiment_ids").add(exp.path("experiment_id").asText());
    req.put("filter", "tags.`gantrack.run-id` = '" + runId + "'");
    JsonNode runs = rest.post("runs/search", req).path("runs");
    assertEquals(1, runs.size(), "MLflow runs tagged gantrack.run-id=" + runId);
    String id = runs.get(0).path("info").path("run_id").asText();
    JsonNode run = rest.get("runs/get", Map.of("run_id", id)).path("run");
    assertNotNull(run);
    return new ReadBack(rest, run);
  }

  String runId() {
    return run.path("info").path("run_id").asText();
  }

  String status() {
    return run.path("info").path("status").asText();
  }

  long endTime() {
    return run.path("info").path("end_time").asLong();
  }

  Map<String, String> params() {
    return pairs(run.path("data").path("params"));
  }

  Map<String, String> tags() {
    return pairs(run.path("data").path("tags"));
  }

  /** Every point of metric {@code key}, in the server's order. */
  List<JsonNode> history(String key) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String token = "";
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("run_id", runId());
      q.put("metric_key", key);
      q.put("max_results", "25000");
      if (!token.isEmpty()) {
        q.put("page_token", token);
      }
      JsonNode page = rest.get("metrics/get-history", q);
      page.path("metrics").forEach(out::add);
      token = page.path("next_page_token").asText("");
    } while (!token.isEmpty());
    return out;
  }

  /** The files under artifact folder {@code path} ("" for the root), as server paths. */
  List<String> listArtifacts(String path) throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("run_id", runId());
    if (!path.isEmpty()) {
      q.put("path", path);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode f : rest.get("artifacts/list", q).path("files")) {
      out.add(f.path("path").asText() + (f.path("is_dir").asBoolean() ? "/" : ""));
    }
    return out;
  }

  /** Downloads artifact {@code path} through the artifact proxy. */
  byte[] download(String path) throws Exception {
    String root = URI.create(run.path("info").path("artifact_uri").asText()).getPath().substring(1);
    return rest.getArtifact(root, path);
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      out.put(kv.path("key").asText(), kv.path("value").asText());
    }
    return out;
  }
}
