package dev.gantrack.experiments.sweep.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.GantrackCli;
import dev.gantrack.experiments.run.EndToEnd;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import dev.gantrack.trackers.tensorboard.PythonTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep on this machine: four ring trials (two learning rates of G, one of which diverges,
 * times two seeds), two at a time in child JVMs with the two cores divided between them, tracked
 * by a real MLflow server and TensorBoard. The diverging trials fail alone with their error in the
 * summary; MLflow holds one parent run and one child run per trial whose params are its overrides;
 * TensorBoard's HParams dashboard (its own reader) compares the four trials by those overrides;
 * running the sweep again runs nothing, and a trial whose process died runs again in a new folder.
 */
@Tag("slow")
class LocalSweepTest {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  @TempDir static Path dir;
  private static MlflowServer server;

  @BeforeAll
  static void server() throws Exception {
    server = MlflowServer.in(dir.resolve("mlflow")).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void failingTrialsFailAloneTrackersCompareTrialsAndARerunRunsOnlyWhatCrashed() throws Exception {
    Path file = Files.writeString(dir.resolve("sweep.yaml"), """
        name: sweepring
        seed: 21
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 16, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 16, layers: 1}
        loss: {type: lsgan}
        ttur:
          type: separate
          generator: {optimizer: sgd, lr: 1.0e-3}
          discriminator: {optimizer: adam, lr: 2.0e-4}
        training: {steps: 30, batch-size: 32, log-every: 10, sample-every: 30}
        trackers:
          - {type: local}
          - {type: mlflow, tracking-uri: "%s", retry-seconds: 1}
        sweep:
          grid:
            ttur.generator.lr: [1.0e-3, 10]
          seeds: 2
          rank: d_loss:min
          parallel: 2
        """.formatted(server.uri()));
    Path runs = dir.resolve("runs");
    GantrackCli.Outcome first = GantrackCli.run("sweep", file.toString(), "--runs", runs.toString());
    assertEquals(1, first.code(), "a failed trial makes the sweep exit 1\n" + first.out() + first.err());
    Path sweep;
    try (Stream<Path> s = Files.list(runs.resolve("sweeps"))) {
      sweep = s.findFirst().orElseThrow();
    }
    List<String> csv = Files.readAllLines(sweep.resolve("summary.csv"));
    assertEquals(5, csv.size(), String.join("\n", csv));
    List<String> header = List.of(csv.get(0).split(","));
    int status = header.indexOf("status");
    int lr = header.indexOf("ttur.generator.lr");
    int error = header.indexOf("error");
    for (String line : csv.subList(1, 5)) {
      String[] cells = line.split(",", -1);
      boolean diverges = cells[lr].equals("10.0");
      assertEquals(diverges ? "FAILED" : "FINISHED", cells[status], line);
      assertEquals(diverges, cells[error].contains("training diverged"), line);
    }
    assertTrue(csv.get(1).contains("FINISHED") && csv.get(2).contains("FINISHED"), "finished trials rank first: " + csv);

    // MLflow: one parent, four children nested under it, each with its overrides as params
    String experimentId = MlflowReadBack.get(server.uri(), "experiments/get-by-name",
        Map.of("experiment_name", "sweepring")).path("experiment").path("experiment_id").asText();
    JsonNode runsFound = search(experimentId);
    JsonNode parent = null;
    Map<String, JsonNode> children = new HashMap<>();
    for (JsonNode r : runsFound) {
      Map<String, String> tags = pairs(r.path("data").path("tags"));
      if (tags.containsKey("gantrack.sweep.id.parent")) {
        assertTrue(parent == null, "one parent run");
        parent = r;
      } else {
        children.put(tags.get("gantrack.run-id"), r);
      }
    }
    assertTrue(parent != null, "the sweep's run: " + runsFound);
    assertEquals("FAILED", parent.path("info").path("status").asText());
    assertEquals(sweep.getFileName().toString(), pairs(parent.path("data").path("tags")).get("gantrack.sweep.id.parent"));
    assertEquals("[0.001, 10]", pairs(parent.path("data").path("params")).get("swept.ttur.generator.lr"));
    assertEquals(4, children.size(), children.keySet().toString());
    Set<String> seen = new TreeSet<>();
    for (JsonNode c : children.values()) {
      Map<String, String> tags = pairs(c.path("data").path("tags"));
      assertEquals(parent.path("info").path("run_id").asText(), tags.get("mlflow.parentRunId"));
      Map<String, String> params = pairs(c.path("data").path("params"));
      assertEquals(Set.of("ttur.generator.lr", "seed"), params.keySet(), "a trial's params are its overrides");
      assertEquals("1", tags.get("gantrack.sweep.threads"), "two trials at once on two cores: one thread each");
      seen.add(params.get("ttur.generator.lr") + "/" + params.get("seed") + "/" + c.path("info").path("status").asText());
    }
    assertEquals(Set.of("0.001/21/FINISHED", "0.001/22/FINISHED", "10.0/21/FAILED", "10.0/22/FAILED"), seen);

    // TensorBoard's HParams dashboard, read by TensorBoard itself: the trials side by side by their overrides
    Path reader = EndToEnd.resourceFile("tensorboard/read_events.py", dir.resolve("py"));
    JsonNode hp = JSON.readTree(PythonTool.run(reader, Duration.ofMinutes(3), sweep.toString()).stdout())
        .path("provider").path("hparams");
    Set<String> columns = new HashSet<>();
    hp.path("experiment").path("hparam_infos").forEach(h -> columns.add(h.path("name").asText()));
    assertEquals(Set.of("ttur.generator.lr", "seed"), columns);
    JsonNode groups = hp.path("session_groups").path("session_groups");
    assertEquals(4, groups.size(), groups.toString());
    Set<String> sessions = new TreeSet<>();
    groups.forEach(g -> sessions.add(g.path("hparams").path("ttur.generator.lr").asDouble() + "/"
        + g.path("hparams").path("seed").asDouble() + "/" + g.path("sessions").get(0).path("status").asText()));
    assertEquals(Set.of("0.001/21.0/STATUS_SUCCESS", "0.001/22.0/STATUS_SUCCESS", "10.0/21.0/STATUS_FAILURE",
        "10.0/22.0/STATUS_FAILURE"), sessions);

    // again: nothing runs (failed trials are done too)
    GantrackCli.Outcome again = GantrackCli.run("sweep", file.toString(), "--runs", runs.toString());
    assertTrue(again.out().contains("(0 ran, 4 skipped)"), again.out());
    assertEquals(4, attempts(sweep));

    // a trial whose process died (no status) runs again, in a folder of its own
    Path victim;
    try (Stream<Path> s = Files.list(sweep)) {
      victim = s.filter(p -> p.getFileName().toString().startsWith("001-")).findFirst().orElseThrow();
    }
    Files.delete(victim.resolve("status"));
    GantrackCli.Outcome third = GantrackCli.run("sweep", file.toString(), "--runs", runs.toString());
    assertTrue(third.out().contains("(1 ran, 3 skipped)"), third.out());
    Path retry = victim.resolveSibling(victim.getFileName() + "-2");
    assertEquals("FINISHED", Files.readAllLines(retry.resolve("status")).get(0));
    JsonNode trial = JSON.readTree(retry.resolve("trial.json").toFile());
    assertEquals(victim.toString(), trial.path("previousAttempt").asText(), "the crashed attempt is named for a resume");
    assertFalse(Files.exists(victim.resolve("status")), "the crashed attempt's folder is left as it was");
  }

  private static int attempts(Path sweep) throws IOException {
    try (Stream<Path> s = Files.list(sweep)) {
      return (int) s.filter(Files::isDirectory).count();
    }
  }

  private static JsonNode search(String experimentId) throws Exception {
    ObjectNode req = JSON.createObjectNode();
    req.putArray("experiment_ids").add(experimentId);
    req.put("max_results", 100);
    return MlflowReadBack.post(server.uri(), "runs/search", req).path("runs");
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> out = new HashMap<>();
    list.forEach(kv -> out.put(kv.path("key").asText(), kv.path("value").asText()));
    return out;
  }
}
