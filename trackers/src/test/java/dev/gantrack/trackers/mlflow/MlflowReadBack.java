package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A gantrack run as MLflow's REST API 2.0 shows it, read with plain HTTP (independent of the
 * tracker's own client, so that the tracker's and the experiments' tests check what a user of the
 * server sees): the run, its params, tags, metric histories and artifacts downloaded
 * through the server's artifact proxy.
 */
public final class MlflowReadBack {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final JsonNode run;

  private MlflowReadBack(String base, JsonNode run) {
    this.base = base;
    this.run = run;
  }

  /** The one MLflow run of experiment {@code experiment} tagged {@code gantrack.run-id = runId}. */
  public static MlflowReadBack of(String trackingUri, String experiment, String runId) throws Exception {
    JsonNode exp = get(trackingUri, "experiments/get-by-name", Map.of("experiment_name", experiment)).path("experiment");
    ObjectNode req = JSON.createObjectNode();
    req.putArray("experiment_ids").add(exp.path("experiment_id").asText());
    req.put("filter", "tags.`gantrack.run-id` = '" + runId + "'");
    JsonNode runs = post(trackingUri, "runs/search", req).path("runs");
    assertEquals(1, runs.size(), "MLflow runs in '" + experiment + "' tagged gantrack.run-id=" + runId + ": " + runs);
    String id = runs.get(0).path("info").path("run_id").asText();
    return new MlflowReadBack(trackingUri, get(trackingUri, "runs/get", Map.of("run_id", id)).path("run"));
  }

  public String runId() {
    return run.path("info").path("run_id").asText();
  }

  public String status() {
    return run.path("info").path("status").asText();
  }

  public long endTime() {
    return run.path("info").path("end_time").asLong();
  }

  public Map<String, String> params() {
    return pairs(run.path("data").path("params"));
  }

  public Map<String, String> tags() {
    return pairs(run.path("data").path("tags"));
  }

  /** The metric keys the run has a latest value for. */
  public List<String> metricKeys() {
    List<String> keys = new ArrayList<>();
    run.path("data").path("metrics").forEach(m -> keys.add(m.path("key").asText()));
    return keys;
  }

  /** Every stored point of metric {@code key} (metrics/get-history, all pages). */
  public List<JsonNode> history(String key) throws Exception {
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
      JsonNode page = get(base, "metrics/get-history", q);
      page.path("metrics").forEach(out::add);
      token = page.path("next_page_token").asText("");
    } while (!token.isEmpty());
    return out;
  }

  /** Paths of the files (not folders) under artifact folder {@code path}, "" for the root, recursively. */
  public List<String> artifactFiles(String path) throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("run_id", runId());
    if (!path.isEmpty()) {
      q.put("path", path);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode f : get(base, "artifacts/list", q).path("files")) {
      if (f.path("is_dir").asBoolean()) {
        out.addAll(artifactFiles(f.path("path").asText()));
      } else {
        out.add(f.path("path").asText());
      }
    }
    return out;
  }

  /** Downloads artifact {@code path} through the artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/...}). */
  public byte[] download(String path) throws Exception {
    // artifact_uri is mlflow-artifacts:/<experiment>/<run>/artifacts
    String root = URI.create(run.path("info").path("artifact_uri").asText()).getPath().substring(1);
    StringJoiner encoded = new StringJoiner("/");
    for (String segment : (root + "/" + path).split("/")) {
      encoded.add(enc(segment));
    }
    HttpResponse<byte[]> r = HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + encoded))
            .timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      fail("download of artifact " + path + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  /**
   * Asserts the run holds every point of {@code points} (key, step, value) exactly once, with its
   * value as the server stores it (NaN as NaN, ±Infinity as ±Double.MAX_VALUE); {@code mlflowKey}
   * maps an original key to the MLflow key it was logged under (others keep their name).
   */
  public void assertHoldsExactlyOnce(Map<String, Map<Long, Double>> points, Map<String, String> mlflowKey) throws Exception {
    for (Map.Entry<String, Map<Long, Double>> e : points.entrySet()) {
      String key = mlflowKey.getOrDefault(e.getKey(), e.getKey());
      List<JsonNode> history = history(key);
      Map<Long, List<Double>> byStep = new TreeMap<>();
      for (JsonNode m : history) {
        byStep.computeIfAbsent(m.path("step").asLong(), s -> new ArrayList<>()).add(number(m.path("value")));
      }
      assertEquals(e.getValue().size(), history.size(), "points of " + e.getKey() + " (MLflow key " + key + ")");
      for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
        List<Double> got = byStep.get(p.getKey());
        assertTrue(got != null && got.size() == 1, e.getKey() + " at step " + p.getKey() + ": expected once, got " + got);
        assertEquals(MetricPoint.stored(p.getValue()), MetricPoint.stored(got.get(0)), e.getKey() + " at step " + p.getKey());
      }
    }
  }

  /** A metric value as MLflow's JSON carries it: a number, or "NaN" / "Infinity" / "-Infinity". */
  public static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return switch (n.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(n.asText());
    };
  }

  public static JsonNode get(String base, String path, Map<String, String> query) throws IOException, InterruptedException {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.setEmptyValue("");
    query.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
    return call(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + path + q)).GET(), path);
  }

  public static JsonNode post(String base, String path, JsonNode body) throws IOException, InterruptedException {
    return call(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), path);
  }

  private static JsonNode call(HttpRequest.Builder req, String what) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      fail("MLflow " + what + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      out.put(kv.path("key").asText(), kv.path("value").asText());
    }
    return out;
  }
}
