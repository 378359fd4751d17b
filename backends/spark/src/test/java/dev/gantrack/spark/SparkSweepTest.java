package dev.gantrack.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark standalone cluster on loopback (master and worker from Spark's own
 * distribution, the worker offering 2 "gpu" addresses): 4 trials, each asking for one GPU, run 2 at
 * a time, trials that overlap in time hold distinct addresses, and each trial's process saw the
 * address its task was given; one trial diverges and is reported while the others finish; every
 * trial's MLflow run arrives nested under the sweep's one parent in a real MLflow server; and
 * running the sweep again runs nothing.
 */
@Tag("slow")
class SparkSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  private static Outcome gantrack(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void fourGpuTrialsRunTwoAtATimeOnDistinctAddressesNestedUnderOneMlflowParent() throws Exception {
    try (MlflowServer server = MlflowServer.in(dir.resolve("mlflow")).start();
        SparkStandalone spark = SparkStandalone.start(dir.resolve("spark"), 2, 2)) {
      Path file = Files.writeString(dir.resolve("sweep.yaml"), """
          name: sparkring
          seed: 31
          device: auto
          dataset: {type: ring}
          generator: {type: mlp, latent-dim: 4, hidden: 16, layers: 1, output: linear}
          discriminator: {type: mlp, hidden: 16, layers: 1}
          loss: {type: lsgan}
          ttur:
            type: separate
            generator: {optimizer: sgd, lr: 1.0e-3}
            discriminator: {optimizer: adam, lr: 2.0e-4}
          training: {steps: 60, batch-size: 32, log-every: 20, sample-every: 60}
          trackers:
            - {type: local}
            - {type: mlflow, tracking-uri: "%s", retry-seconds: 1}
          """.formatted(server.uri()));
      Path runs = dir.resolve("runs");
      String[] args = {"sweep", file.toString(), "--grid", "ttur.generator.lr=1e-3,2e-3,3e-3,10", "--on", spark.master(),
          "--gpus-per-trial", "1", "--parallel", "4", "--runs", runs.toString()};
      Outcome first = gantrack(args);
      assertEquals(1, first.code(), "one trial failed\n" + first.out() + first.err());
      Path sweep;
      try (Stream<Path> s = Files.list(runs.resolve("sweeps"))) {
        sweep = s.filter(Files::isDirectory).findFirst().orElseThrow();
      }
      List<Trial> trials = new ArrayList<>();
      try (Stream<Path> s = Files.list(sweep)) {
        for (Path t : s.filter(Files::isDirectory).sorted().toList()) {
          JsonNode tags = JSON.readTree(t.resolve("provenance.json").toFile()).path("provenance");
          trials.add(new Trial(t, Files.readAllLines(t.resolve("status")).get(0), tags.path("gantrack.sweep.gpu").asText(),
              Files.getLastModifiedTime(t.resolve("trial.json")).toMillis(), Files.getLastModifiedTime(t.resolve("status")).toMillis()));
        }
      }
      assertEquals(4, trials.size());
      assertEquals(List.of("FINISHED", "FINISHED", "FINISHED", "FAILED"), trials.stream().map(Trial::status).toList());
      for (Trial t : trials) {
        assertTrue(Set.of("0", "1").contains(t.gpu()), "the trial's process saw the address of its task: '" + t.gpu() + "'");
      }
      int most = 0;
      for (Trial a : trials) {
        int running = 0;
        for (Trial b : trials) {
          if (b.start() <= a.start() && a.start() < b.end()) {
            running++;
            if (b != a) {
              assertNotEquals(a.gpu(), b.gpu(), a.dir().getFileName() + " and " + b.dir().getFileName() + " overlap on one GPU");
            }
          }
        }
        most = Math.max(most, running);
      }
      assertEquals(2, most, "two GPUs: two trials at a time, never more");
      List<String> csv = Files.readAllLines(sweep.resolve("summary.csv"));
      assertTrue(csv.stream().anyMatch(l -> l.contains("FAILED") && l.contains("training diverged")), String.join("\n", csv));

      String experimentId = MlflowReadBack.get(server.uri(), "experiments/get-by-name",
          Map.of("experiment_name", "sparkring")).path("experiment").path("experiment_id").asText();
      ObjectNode req = JSON.createObjectNode();
      req.putArray("experiment_ids").add(experimentId);
      JsonNode found = MlflowReadBack.post(server.uri(), "runs/search", req).path("runs");
      String parent = null;
      List<Map<String, String>> children = new ArrayList<>();
      for (JsonNode r : found) {
        Map<String, String> tags = new HashMap<>();
        r.path("data").path("tags").forEach(kv -> tags.put(kv.path("key").asText(), kv.path("value").asText()));
        if (tags.containsKey("gantrack.sweep.id.parent")) {
          parent = r.path("info").path("run_id").asText();
        } else {
          tags.put("status", r.path("info").path("status").asText());
          children.add(tags);
        }
      }
      assertEquals(4, children.size(), found.toString());
      Set<String> gpus = new HashSet<>();
      for (Map<String, String> c : children) {
        assertEquals(parent, c.get("mlflow.parentRunId"));
        gpus.add(c.get("gantrack.sweep.gpu"));
      }
      assertEquals(Set.of("0", "1"), gpus);
      assertEquals(3, children.stream().filter(c -> c.get("status").equals("FINISHED")).count());

      Outcome again = gantrack(args);
      assertTrue(again.out().contains("(0 ran, 4 skipped)"), again.out() + again.err());
    }
  }

  record Trial(Path dir, String status, String gpu, long start, long end) {}
}
