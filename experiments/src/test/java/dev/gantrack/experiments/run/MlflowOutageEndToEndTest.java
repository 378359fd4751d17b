package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code gantrack run} processes against a real MLflow server that is not there at the start,
 * or is killed mid-run and restarted on the same port and store: training finishes (exit 0), at
 * most one warning, and in the end MLflow holds every metric point of metrics.jsonl exactly once
 * and the run is FINISHED.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlflowOutageEndToEndTest {
  @TempDir static Path tmp;
  static MlflowServer server;

  @BeforeAll
  static void createServer() throws Exception {
    server = MlflowServer.in(tmp.resolve("mlflow")); // not started: each test decides
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void mlflowUnreachableAtStartTrainingCompletesWithOneWarningAndSyncDeliversEverythingLater() throws Exception {
    server.stop();
    Path file = EndToEnd.ringExperiment(tmp.resolve("down"), "ring-down", 100, 10, 50, server.uri());
    Path runs = tmp.resolve("down/runs");
    Path log = logs().resolve("unreachable-at-start");
    int code = EndToEnd.await(EndToEnd.startCli(log, "run", file.toString(), "--runs", runs.toString()), 180);
    String stderr = Files.readString(Path.of(log + ".err"));
    assertEquals(0, code, stderr);
    Path runDir = EndToEnd.runFolder(runs);
    assertNotNull(runDir);
    assertEquals("FINISHED", Files.readString(runDir.resolve("status")).strip());
    List<String> warnings = stderr.lines().filter(l -> l.contains("WARN")).toList();
    assertEquals(1, warnings.size(), "one warning; stderr:\n" + stderr);
    assertTrue(warnings.get(0).contains("gantrack sync " + runDir), warnings.get(0));
    assertTrue(Files.size(runDir.resolve("mlflow-spool/spool.jsonl")) > 0, "spool kept");

    server.start();
    assertEquals(0, sync(runDir));
    Map<String, Map<Long, Double>> points = EndToEnd.points(runDir);
    MlflowReadBack back = MlflowReadBack.of(server.uri(), "ring-down", runDir.getFileName().toString());
    assertEquals("FINISHED", back.status());
    assertEquals("100", back.params().get("training.steps"));
    EndToEnd.assertExactlyOnce(points, back);
    for (String path : List.of("experiment.yaml", "metrics.jsonl", "checkpoints/G-final.params",
        "samples/step-000050.png", "samples/step-000100.png")) {
      assertArrayEquals(Files.readAllBytes(runDir.resolve(path)), back.download(path), path);
    }

    assertEquals(0, sync(runDir), "a second sync has nothing to do");
    EndToEnd.assertExactlyOnce(points, MlflowReadBack.of(server.uri(), "ring-down", runDir.getFileName().toString()));
  }

  @Test
  @Order(2)
  void mlflowKilledMidRunAndRestartedOnTheSamePortAndStoreGetsEveryPointExactlyOnce() throws Exception {
    server.start();
    // a point every 2 steps: the server dies with batches in flight
    Path file = EndToEnd.ringExperiment(tmp.resolve("kill"), "ring-kill", 400, 2, 200, server.uri());
    Path runs = tmp.resolve("kill/runs");
    Path log = logs().resolve("killed-mid-run");
    Process run = EndToEnd.startCli(log, "run", file.toString(), "--runs", runs.toString());
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      int delivered = 0;
      while (delivered < 5) {
        if (!run.isAlive() || System.nanoTime() > deadline) {
          fail("the run ended or stalled before 5 points of d_loss reached MLflow (" + delivered + "); stderr:\n"
              + Files.readString(Path.of(log + ".err")));
        }
        Thread.sleep(100);
        delivered = deliveredPoints("ring-kill", "d_loss");
      }
      Path runDir = EndToEnd.runFolder(runs);
      server.kill();
      boolean aliveAtKill = run.isAlive();
      long rowsAtKill = Files.readString(runDir.resolve("metrics.jsonl")).chars().filter(c -> c == '\n').count();
      assertTrue(aliveAtKill, "the run must still be training when the server dies");
      server.start(); // same port, same SQLite store and artifact folder
      boolean backBeforeTheEnd = run.isAlive();
      int code = EndToEnd.await(run, 300);
      String stderr = Files.readString(Path.of(log + ".err"));
      assertEquals(0, code, stderr);
      assertEquals("FINISHED", Files.readString(runDir.resolve("status")).strip());
      Map<String, Map<Long, Double>> points = EndToEnd.points(runDir);
      assertEquals(200, points.get("d_loss").size(), "training went on while the server was away");

      // the run delivers what it can before it exits; if the server came back too late, sync does the rest
      boolean leftOver = stderr.contains("gantrack sync");
      assertTrue(stderr.lines().filter(l -> l.contains("WARN")).count() <= 1, stderr);
      if (leftOver) {
        assertEquals(0, sync(runDir), "sync delivers what the run could not");
      }
      System.out.printf("mlflow killed mid-run: %d of %d rows of metrics.jsonl written at the kill; server back %s the run ended;"
          + " %s%n", rowsAtKill, Files.readAllLines(runDir.resolve("metrics.jsonl")).size(), backBeforeTheEnd ? "before" : "after",
          leftOver ? "gantrack sync delivered the rest" : "the run itself delivered the rest");
      MlflowReadBack back = MlflowReadBack.of(server.uri(), "ring-kill", runDir.getFileName().toString());
      assertEquals("FINISHED", back.status());
      EndToEnd.assertExactlyOnce(points, back);
      assertArrayEquals(Files.readAllBytes(runDir.resolve("metrics.jsonl")), back.download("metrics.jsonl"));
    } finally {
      if (run.isAlive()) {
        run.destroyForcibly();
      }
    }
  }

  /** Where the child runs' stdout/stderr go: kept after the test ({@code target/e2e-logs}). */
  private static Path logs() throws java.io.IOException {
    return Files.createDirectories(Path.of("target", "e2e-logs").toAbsolutePath());
  }

  /** {@code gantrack sync runDir} through the CLI; its exit code. */
  private static int sync(Path runDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), "sync", runDir.toString());
    System.out.print("gantrack sync: " + out + err);
    return code;
  }

  /** How many points of {@code key} the server has for the one run of {@code experiment} (0 if none yet). */
  private static int deliveredPoints(String experiment, String key) {
    try {
      var exp = MlflowReadBack.get(server.uri(), "experiments/get-by-name", Map.of("experiment_name", experiment));
      var req = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      req.putArray("experiment_ids").add(exp.path("experiment").path("experiment_id").asText());
      var found = MlflowReadBack.post(server.uri(), "runs/search", req).path("runs");
      if (found.size() != 1) {
        return 0;
      }
      String runId = found.get(0).path("info").path("run_id").asText();
      return MlflowReadBack.get(server.uri(), "metrics/get-history", Map.of("run_id", runId, "metric_key", key))
          .path("metrics").size();
    } catch (Exception | AssertionError notYet) {
      return 0;
    }
  }
}
