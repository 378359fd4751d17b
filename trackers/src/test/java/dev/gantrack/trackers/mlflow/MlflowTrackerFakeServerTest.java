package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker against a small in-process stand-in for the MLflow REST API: fast, deterministic. */
class MlflowTrackerFakeServerTest {
  @TempDir Path runs;

  private HttpServer http;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, List<JsonNode>> history = new HashMap<>();
  /** Per path: what to do instead of the normal answer (null: answer normally). */
  private final Map<String, Function<Integer, Integer>> failures = new HashMap<>();

  record Request(String method, String path, String authorization, String body) {}

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger calls = new AtomicInteger();
    http.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization"), body));
      String op = path.replace("/api/2.0/mlflow/", "");
      int n = calls.incrementAndGet();
      Function<Integer, Integer> failure = failures.get(op);
      Integer status = failure == null ? null : failure.apply(n);
      if (op.equals("runs/log-batch") && (status == null || status >= 500)) {
        applyLogBatch(body); // a 5xx after applying: the outcome the client cannot know
      }
      if (status != null) {
        reply(ex, status, "{\"error_code\": \"" + (status < 500 ? "INVALID_PARAMETER_VALUE" : "INTERNAL_ERROR")
            + "\", \"message\": \"refused by the test\"}");
        return;
      }
      switch (op) {
        case "experiments/get-by-name" -> reply(ex, 404,
            "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"no experiment\"}");
        case "experiments/create" -> reply(ex, 200, "{\"experiment_id\": \"7\"}");
        case "runs/create" -> reply(ex, 200,
            "{\"run\": {\"info\": {\"run_id\": \"r1\", \"artifact_uri\": \"mlflow-artifacts:/7/r1/artifacts\"}}}");
        case "metrics/get-history" -> reply(ex, 200, historyJson(ex));
        default -> reply(ex, 200, "{}");
      }
    });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private String uri() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private synchronized void applyLogBatch(String body) throws IOException {
    for (JsonNode m : Spool.JSON.readTree(body).path("metrics")) {
      history.computeIfAbsent(m.path("key").asText(), k -> new ArrayList<>()).add(m);
    }
  }

  private synchronized String historyJson(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getQuery();
    String key = null;
    for (String kv : query.split("&")) {
      if (kv.startsWith("metric_key=")) {
        key = java.net.URLDecoder.decode(kv.substring(11), StandardCharsets.UTF_8);
      }
    }
    ObjectNode out = Spool.JSON.createObjectNode();
    ArrayNode ms = out.putArray("metrics");
    history.getOrDefault(key, List.of()).forEach(ms::add);
    return Spool.JSON.writeValueAsString(out);
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private RunInfo run(String id) throws IOException {
    return new RunInfo(id, "fake", Files.createDirectories(runs.resolve(id)), Map.of("a", "1"), Map.of(), "");
  }

  @Test
  void aResumedRunGoesOnInTheSameRunBackToRunningWithoutParamsAndWithoutLoggingASpooledStepAgain() throws Exception {
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(uri(), null, null, null, 1, Map.of());
    RunInfo first = run("resumed");
    try (MlflowTracker dead = new MlflowTracker(spec, Map.of(), s -> {}, Duration.ofSeconds(5))) {
      dead.onTrainingBegin(first);
      for (long step = 1; step <= 10; step++) { // the checkpoint was at 6; 7-10 were logged before the crash
        dead.onMetrics(step, Map.of("d_loss", (double) step));
      }
      assertTrue(dead.awaitDelivered(Duration.ofSeconds(10)));
    } // no onTrainingEnd: the process died
    int before = requests.size();
    RunInfo resumed = new RunInfo(first.runId(), first.experimentName(), first.runDirectory(), Map.of("a", "2"),
        Map.of("gantrack.resumes", "1"), "", 6);
    try (MlflowTracker again = new MlflowTracker(spec, Map.of(), s -> {}, Duration.ofSeconds(5))) {
      again.onTrainingBegin(resumed);
      for (long step = 7; step <= 15; step++) {
        again.onMetrics(step, Map.of("d_loss", (double) step));
      }
      again.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(again.awaitDelivered(Duration.ofSeconds(10)), "failure: " + again.failure());
    }
    List<Request> after = requests.subList(before, requests.size());
    assertEquals(1, requests.stream().filter(r -> r.path().endsWith("runs/create")).count(), "one MLflow run");
    List<String> statuses = after.stream().filter(r -> r.path().endsWith("runs/update"))
        .map(r -> readTree(r.body()).path("status").asText()).toList();
    assertEquals(List.of("RUNNING", "FINISHED"), statuses);
    assertTrue(after.stream().filter(r -> r.path().endsWith("runs/log-batch"))
        .noneMatch(r -> readTree(r.body()).path("params").size() > 0), "params stay as first logged (a: 1)");
    assertTrue(after.stream().anyMatch(r -> r.body().contains("gantrack.resumes")), "the resume's tags are set");
    synchronized (this) {
      List<Long> steps = history.get("d_loss").stream().map(m -> m.path("step").asLong()).sorted().toList();
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L), steps);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return Spool.JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theTokenGoesInABearerHeaderAndUserAndPasswordInABasicOne() throws Exception {
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(uri(), null, null, null, 1, Map.of());
    try (MlflowTracker t = new MlflowTracker(spec, Map.of("MLFLOW_TRACKING_TOKEN", "t0ken-xyz"), s -> {}, Duration.ofSeconds(5))) {
      t.onTrainingBegin(run("bearer"));
      assertTrue(t.awaitDelivered(Duration.ofSeconds(10)));
    }
    assertTrue(requests.stream().allMatch(r -> "Bearer t0ken-xyz".equals(r.authorization())), requests.toString());
    requests.clear();
    Map<String, String> env = Map.of("MLFLOW_TRACKING_USERNAME", "bob", "MLFLOW_TRACKING_PASSWORD", "pa55word",
        "MLFLOW_TRACKING_TOKEN", "ignored-when-basic");
    try (MlflowTracker t = new MlflowTracker(spec, env, s -> {}, Duration.ofSeconds(5))) {
      t.onTrainingBegin(run("basic"));
      assertTrue(t.awaitDelivered(Duration.ofSeconds(10)));
    }
    String basic = "Basic " + Base64.getEncoder().encodeToString("bob:pa55word".getBytes(StandardCharsets.UTF_8));
    assertTrue(requests.stream().allMatch(r -> basic.equals(r.authorization())), requests.toString());
  }

  @Test
  void aRequestTheServerRefusesStopsDeliveryWithOneWarningAndTrainingGoesOn() throws Exception {
    failures.put("runs/log-batch", n -> 400);
    List<String> warnings = new CopyOnWriteArrayList<>();
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(uri(), null, null, null, 1, Map.of());
    RunInfo info = run("refused");
    MlflowTracker t = new MlflowTracker(spec, Map.of(), warnings::add, Duration.ofSeconds(5));
    t.onTrainingBegin(info);
    for (int step = 0; step < 100; step++) {
      t.onMetrics(step, Map.of("d_loss", 0.5));
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (t.failure() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    for (int step = 100; step < 200; step++) {
      t.onMetrics(step, Map.of("d_loss", 0.5)); // still fine to call
    }
    t.onTrainingEnd(RunStatus.FINISHED);
    long t0 = System.nanoTime();
    t.close();
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "close does not wait for a tracker that gave up");
    assertNotNull(t.failure());
    assertEquals(1, warnings.size(), warnings.toString());
    String w = warnings.get(0);
    assertTrue(w.contains("HTTP 400 INVALID_PARAMETER_VALUE") && w.contains("refused by the test"), w);
    assertTrue(w.contains("gantrack sync " + info.runDirectory()), w);
    assertEquals(1, requests.stream().filter(r -> r.path().endsWith("runs/log-batch")).count(),
        "a refused request is not repeated");
  }

  @Test
  void recordingNeverWaitsForAnUnreachableServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> warnings = new CopyOnWriteArrayList<>();
    MlflowTrackerSpec spec = MlflowTrackerSpec.of("http://127.0.0.1:" + port, null, null, null, 1, Map.of());
    RunInfo info = run("unreachable");
    MlflowTracker t = new MlflowTracker(spec, Map.of(), warnings::add, Duration.ofMillis(500));
    long t0 = System.nanoTime();
    t.onTrainingBegin(info);
    for (int step = 0; step < 5000; step++) {
      t.onMetrics(step, Map.of("d_loss", 0.5, "g_loss", 1.5));
    }
    t.onImage(5000, "samples", new byte[50_000], 64, 64);
    t.onTrainingEnd(RunStatus.FINISHED);
    long recording = System.nanoTime() - t0;
    t.close();
    long total = System.nanoTime() - t0;
    assertTrue(recording < 3_000_000_000L, "5,000 steps took " + recording / 1e6 + " ms");
    assertTrue(total - recording < 3_000_000_000L, "close took " + (total - recording) / 1e6 + " ms");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("5003 records") && warnings.get(0).contains("gantrack sync"), warnings.get(0));
    assertEquals(5003, Files.readAllLines(info.runDirectory().resolve("mlflow-spool/spool.jsonl")).size());
  }

  @Test
  void aBatchAnsweredWithAServerErrorIsCheckedBeforeItIsSentAgain() throws Exception {
    AtomicInteger logBatches = new AtomicInteger();
    // the first metrics batch is applied but answered 500; later ones succeed
    failures.put("runs/log-batch", n -> {
      int k = logBatches.incrementAndGet();
      return k == 2 ? 500 : null;
    });
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(uri(), null, null, null, 1, Map.of());
    Recorded recorded = new Recorded();
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (MlflowTracker t = new MlflowTracker(spec, Map.of(), warnings::add, Duration.ofSeconds(5))) {
      t.onTrainingBegin(run("server-error"));
      for (long step = 0; step < 600; step++) {
        recorded.log(t, step, Recorded.scalars(step, List.of("d_loss", "g_loss", "d_real")));
      }
      t.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(t.awaitDelivered(Duration.ofSeconds(20)), "failure: " + t.failure());
      assertTrue(t.stats().metricsAlreadyThere > 0, "the batch was checked");
    }
    assertEquals(List.of(), warnings);
    synchronized (this) {
      for (String key : List.of("d_loss", "g_loss", "d_real")) {
        List<JsonNode> points = history.get(key);
        assertEquals(600, points.size(), key);
        assertEquals(600, points.stream().map(p -> p.path("step").asLong()).distinct().count(), key);
      }
    }
  }
}
