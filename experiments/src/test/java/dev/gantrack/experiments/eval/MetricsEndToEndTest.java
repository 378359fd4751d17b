package dev.gantrack.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import dev.gantrack.trackers.tensorboard.PythonTool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample-quality metrics during a real training run reach every tracker: metrics.jsonl, TensorBoard
 * (read back with TensorBoard's own reader, with the metrics' provenance as text) and a real MLflow
 * server (each point once, provenance as tags); then {@code gantrack eval} logs to the same MLflow run.
 */
@Tag("slow")
class MetricsEndToEndTest {
  private static final String NAME = "digits-metrics";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static MlflowServer server;
  static Path runDir;
  static Map<String, Map<Long, Double>> points;

  @BeforeAll
  static void train() throws Exception {
    server = MlflowServer.in(tmp.resolve("mlflow")).start();
    Path file = Cli.mnistExperiment(tmp.resolve("files"), NAME, 20, """
        feature-extractor: {type: mnist-classifier}
        metrics:
          - {type: fid, samples: 300, every: 10}
          - {type: kid, samples: 300, subsets: 10, subset-size: 200, every: 10}
          - {type: precision-recall, samples: 300, every: 20}
        trackers:
          - {type: local}
          - {type: tensorboard, flush-seconds: 0.5}
          - {type: mlflow, tracking-uri: "%s", retry-seconds: 1}
        """.formatted(server.uri()));
    Cli.Result r = Cli.run("run", file.toString(), "--runs", tmp.resolve("runs").toString());
    assertEquals(0, r.code(), r.toString());
    runDir = Cli.runFolder(tmp.resolve("runs"));
    points = points(runDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** metrics.jsonl as metric → step → value. */
  static Map<String, Map<Long, Double>> points(Path runDir) throws Exception {
    Map<String, Map<Long, Double>> out = new TreeMap<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      row.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("step") && !e.getKey().equals("time")) {
          out.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(row.get("step").asLong(), MlflowReadBack.number(e.getValue()));
        }
      });
    }
    return out;
  }

  @Test
  void metricValuesAreInMetricsJsonlAtTheirCadence() {
    assertEquals(List.of(10L, 20L), List.copyOf(points.get("fid").keySet()));
    assertEquals(List.of(10L, 20L), List.copyOf(points.get("kid_std").keySet()));
    assertEquals(List.of(20L), List.copyOf(points.get("recall").keySet()));
    assertTrue(points.get("fid").get(20L) > 0, points.get("fid").toString());
  }

  @Test
  void mlflowHoldsEveryPointOnceAndTheMetricsProvenanceAsTags() throws Exception {
    MlflowReadBack mlflow = MlflowReadBack.of(server.uri(), NAME, runDir.getFileName().toString());
    mlflow.assertHoldsExactlyOnce(points, Map.of());
    Map<String, String> tags = mlflow.tags();
    assertEquals("300", tags.get("gantrack.metrics.0.samples"));
    assertEquals("mnist-classifier", tags.get("gantrack.feature-extractor.name"));
    assertTrue(tags.get("gantrack.metrics.1.implementation").startsWith("kid"), tags.toString());
    assertTrue(tags.get("gantrack.metrics.2.extractor_sha256").matches("[0-9a-f]{64}"), tags.toString());
    JsonNode provenance = JSON.readTree(runDir.resolve("provenance.json").toFile()).path("provenance");
    assertEquals(tags.get("gantrack.feature-extractor.sha256"), provenance.path("gantrack.feature-extractor.sha256").asText(),
        "the run folder records the same");

    Cli.Result r = Cli.run("eval", runDir.toString(), "--metric", "fid", "--samples", "300");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("MLflow:"), r.out());
    double fid = JSON.readTree(runDir.resolve("eval.json").toFile()).at("/evaluations/0/values/fid").asDouble();
    List<JsonNode> history = mlflow.history("eval/fid");
    assertEquals(1, history.size(), history.toString());
    assertEquals(20, history.get(0).path("step").asLong());
    assertEquals(fid, MlflowReadBack.number(history.get(0).path("value")), 1e-9 * fid);
  }

  @Test
  void tensorBoardsReaderSeesTheMetricScalarsAndTheirProvenanceText() throws Exception {
    Path script = tmp.resolve("read_events.py");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("tensorboard/read_events.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    PythonTool.Result r = PythonTool.run(script, Duration.ofMinutes(2), runDir.resolve("tensorboard").toString());
    JsonNode legacy = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(r.stdout())
        .path("legacy").elements().next();
    for (String key : List.of("fid", "kid", "kid_std", "precision", "recall")) {
      JsonNode series = legacy.path("scalars").path(key);
      assertEquals(points.get(key).size(), series.size(), key);
      for (JsonNode p : series) {
        assertEquals((float) (double) points.get(key).get(p.get(0).asLong()), (float) p.get(2).asDouble(), key);
      }
    }
    String text = legacy.at("/text/metric-provenance/0/value").asText();
    assertTrue(text.contains("gantrack.metrics.0.implementation") && text.contains("mnist-classifier"), text);
  }
}
