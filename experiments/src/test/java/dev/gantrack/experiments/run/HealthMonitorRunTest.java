package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health monitor in real training runs through {@code gantrack run}. */
@Tag("slow")
class HealthMonitorRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Outcome(int code, String out, String err, Path runDir) {}

  private Outcome run(String file, String... sets) throws IOException {
    Path runs = tmp.resolve("runs");
    List<String> args = new ArrayList<>(List.of("run", TestFiles.repo().resolve(file).toString(), "--runs", runs.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString(), EndToEnd.runFolder(runs));
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  @Test
  void onFailureStopEndsARealRunFailedWithTheFindingAsItsErrorLine() throws IOException {
    // balance over a window of 1 with a 1 % tolerance: the first logged d_loss off ln 2 by more than 1 %
    Outcome o = run("experiments/ring-ttur.yaml", "training.steps=300", "training.log-every=10", "metrics=[]",
        "trackers=[{type: local}]", "health=[{type: d-lost}, {type: balance, window: 1, tolerance: 0.01, on-failure: stop}]");
    assertEquals(1, o.code(), o.err());
    assertNotNull(o.runDir());
    List<JsonNode> logged = lines(o.runDir().resolve("metrics.jsonl")).stream().filter(r -> r.has("d_loss")).toList();
    long expected = logged.stream()
        .filter(r -> Math.abs(r.get("d_loss").asDouble() - Math.log(2)) > 0.01 * Math.log(2))
        .mapToLong(r -> r.get("step").asLong()).findFirst().orElseThrow();
    assertEquals(expected, logged.get(logged.size() - 1).get("step").asLong(), "the run ends at the finding's step");
    String prefix = "health rule balance (health.1) stopped the run at step " + expected + ": the median d_loss of the last 1";
    assertTrue(o.err().strip().startsWith("error: training failed: " + prefix), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    String status = Files.readString(o.runDir().resolve("status"));
    assertTrue(status.startsWith("FAILED\n") && status.contains(prefix), status);
    List<JsonNode> warnings = lines(o.runDir().resolve("warnings.jsonl"));
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals("health/balance", warnings.get(0).get("tag").asText());
    assertEquals(expected, warnings.get(0).get("step").asLong());
    assertTrue(lines(o.runDir().resolve("metrics.jsonl")).stream()
        .anyMatch(r -> r.path("health/balance").asDouble() == 1.0 && r.get("step").asLong() == expected));
  }

  @Test
  void aHealthyRingRunWakesNoRule() throws IOException {
    Outcome o = run("experiments/components/base.yaml", "training.steps=1500", "training.log-every=25",
        "metrics=[{type: mode-coverage, every: 250, samples: 1000}]", "trackers=[{type: local}]",
        "health=[{type: balance}, {type: d-winning}, {type: d-lost}, {type: g-loss-climbing},"
            + " {type: collapse, metric: modes_captured}]");
    assertEquals(0, o.code(), o.err());
    assertEquals(60, lines(o.runDir().resolve("metrics.jsonl")).stream().filter(r -> r.has("d_loss")).count());
    assertEquals(List.of(), lines(o.runDir().resolve("warnings.jsonl")), "no warning");
    assertTrue(lines(o.runDir().resolve("metrics.jsonl")).stream().noneMatch(r -> r.toString().contains("health/")));
  }
}
