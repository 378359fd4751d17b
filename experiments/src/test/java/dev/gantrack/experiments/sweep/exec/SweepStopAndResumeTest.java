package dev.gantrack.experiments.sweep.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.GantrackCli;
import dev.gantrack.experiments.run.EndToEnd;
import dev.gantrack.experiments.runfolder.RunLock;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep stopped and run again, for real: three ring trials, two at a time, tracked by a real MLflow
 * server. Ctrl-C (SIGINT to {@code gantrack sweep}) while two trials train ends them KILLED with a
 * checkpoint, their processes gone, the third never started, and the command exits 130. Running the
 * sweep again resumes the two in their own folders and starts the third; then the sweep and every
 * trial die at once (SIGKILL, a node lost), leaving the third RUNNING with its lock free. Running it a
 * third time resumes what was cut short and starts nothing afresh. In the end the three folders are
 * the first attempts' (same run ids), each FINISHED with each step once in metrics.jsonl and a
 * {@code provenance.json} that records its resumes; MLflow holds one parent and one FINISHED child run
 * per trial with each step once; and every final weight and logged value equals that of the same
 * sweep run uninterrupted.
 *
 * <p>Trials pause in each checkpoint ({@code gantrack.test.checkpoint-write-pause-ms}, through {@value
 * TrialLauncher#JAVA_OPTS_ENV}) so that the signals land while they train.
 */
@Tag("slow")
class SweepStopAndResumeTest {
  private static final int STEPS = 40;
  private static final int LOG_EVERY = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void trialsStoppedByCtrlCOrKilledWithTheSweepResumeInTheirFoldersAsIfNeverStopped() throws Exception {
    Path file = Files.writeString(dir.resolve("stop.yaml"), """
        name: stopring
        seed: 7
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 16, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 16, layers: 1}
        training: {steps: %d, batch-size: 16, log-every: %d, sample-every: %d, checkpoint-every: 10}
        trackers:
          - {type: local}
          - {type: mlflow, tracking-uri: "%s", retry-seconds: 1}
        """.formatted(STEPS, LOG_EVERY, STEPS, server.uri()));
    Path runs = dir.resolve("runs");
    List<String> sweep = List.of("sweep", file.toString(), "--grid", "loss.type=hinge,lsgan,minimax", "--parallel", "2",
        "--runs", runs.toString());
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs", "sweep-resume").toAbsolutePath());

    // 1. Ctrl-C while two trials train
    Path log1 = logs.resolve("ctrl-c");
    Process first = EndToEnd.startCli(log1, List.of(), pausing(3000), sweep.toArray(String[]::new));
    List<ProcessHandle> trials;
    try {
      await(() -> attempts(runs).stream().filter(t -> EndToEnd.lastStep(t) >= LOG_EVERY).count() == 2, first, log1,
          "two trials logging");
      trials = first.children().filter(h -> h.info().commandLine().orElse("").contains("-Dai.djl.pytorch.num_threads="))
          .toList();
      assertEquals(2, trials.size(), "two trial JVMs run at once");
      new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor();
      assertEquals(130, EndToEnd.await(first, 120), text(log1, ".err"));
    } finally {
      killTree(first);
    }
    for (ProcessHandle h : trials) {
      assertFalse(h.isAlive(), "trial process " + h.pid() + " outlived its sweep");
    }
    Path sweepDir = attempts(runs).get(0).getParent();
    Map<String, Long> stoppedAt = new TreeMap<>();
    for (Path t : attempts(runs)) {
      assertEquals("KILLED", Files.readAllLines(t.resolve("status")).get(0), t.toString());
      long step = newestCheckpoint(t);
      assertTrue(step >= LOG_EVERY && step < STEPS, "stopped with a checkpoint to resume from: " + t + " at " + step);
      stoppedAt.put(t.getFileName().toString(), step);
    }
    assertEquals(2, stoppedAt.size(), "the third trial never started");
    List<String> csv = Files.readAllLines(sweepDir.resolve("summary.csv"));
    assertEquals(3, csv.stream().filter(l -> l.contains(",KILLED,")).count(), String.join("\n", csv));
    assertTrue(csv.stream().anyMatch(l -> l.contains("stopped before it started")), String.join("\n", csv));
    String listing = GantrackCli.run("runs", runs.toString()).out();
    for (String t : stoppedAt.keySet()) {
      assertTrue(listing.contains("gantrack resume " + sweepDir.resolve(t) + "  (or run its sweep again)"), listing);
    }

    // 2. again: the two resume in their folders and the third starts; then the sweep and its trials die at once
    Path log2 = logs.resolve("killed");
    Process second = EndToEnd.startCli(log2, List.of(), pausing(1500), sweep.toArray(String[]::new));
    Path third;
    try {
      await(() -> attempts(runs).stream().anyMatch(t -> t.getFileName().toString().startsWith("003-")
          && Files.exists(t.resolve("checkpoints/step-000010/manifest.json"))), second, log2, "the third trial's first checkpoint");
      List<ProcessHandle> tree = second.descendants().toList();
      second.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      second.waitFor();
      for (ProcessHandle h : tree) {
        h.onExit().get();
      }
      third = attempts(runs).stream().filter(t -> t.getFileName().toString().startsWith("003-")).findFirst().orElseThrow();
    } finally {
      killTree(second);
    }
    String out2 = text(log2, ".out");
    assertTrue(out2.contains("0 of 3 trials already done (skipped); 2 to resume, 1 to run"), out2);
    stoppedAt.forEach((t, step) -> assertTrue(out2.contains(String.format("resumed from step-%06d -> %s", step, t)), out2));
    assertEquals("RUNNING", Files.readAllLines(third.resolve("status")).get(0), "nothing wrote how it ended");
    assertFalse(RunLock.held(third));
    String crashed = GantrackCli.run("runs", runs.toString()).out();
    assertTrue(crashed.lines().anyMatch(l -> l.contains(third.getFileName().toString()) && l.contains("CRASHED")), crashed);

    // 3. again: what was cut short resumes, nothing starts afresh
    GantrackCli.Outcome last = GantrackCli.run(sweep.toArray(String[]::new));
    assertEquals(0, last.code(), last.out() + last.err());
    assertTrue(last.out().contains("(0 ran, ") && last.out().contains(" resumed, "), last.out());
    List<Path> done = attempts(runs);
    assertEquals(3, done.size(), "every trial in its first attempt's folder: " + done);
    List<Long> logged = LongStream.rangeClosed(1, STEPS / LOG_EVERY).map(i -> i * LOG_EVERY).boxed().toList();
    for (Path t : done) {
      assertEquals("FINISHED", Files.readAllLines(t.resolve("status")).get(0), t.toString());
      assertEquals(logged, List.copyOf(EndToEnd.points(t).get("d_loss").keySet()), "each step once: " + t);
      JsonNode resumes = JSON.readTree(t.resolve("provenance.json").toFile()).path("resumes");
      assertTrue(resumes.size() >= 1, "provenance.json records the resume: " + t);
    }
    long thirdFrom = JSON.readTree(third.resolve("provenance.json").toFile()).path("resumes").get(0).path("step").asLong();
    assertTrue(thirdFrom >= 10 && thirdFrom < STEPS, "the killed trial went on from its last checkpoint: " + thirdFrom);

    // MLflow: one parent, FINISHED; each trial's one run nested under it, FINISHED, each step once
    String experimentId = MlflowReadBack.get(server.uri(), "experiments/get-by-name", Map.of("experiment_name", "stopring"))
        .path("experiment").path("experiment_id").asText();
    ObjectNode req = JSON.createObjectNode();
    req.putArray("experiment_ids").add(experimentId);
    req.put("filter", "tags.`gantrack.sweep.id.parent` = '" + sweepDir.getFileName() + "'");
    JsonNode parents = MlflowReadBack.post(server.uri(), "runs/search", req).path("runs");
    assertEquals(1, parents.size(), parents.toString());
    assertEquals("FINISHED", parents.get(0).path("info").path("status").asText());
    for (Path t : done) {
      MlflowReadBack run = MlflowReadBack.of(server.uri(), "stopring", t.getFileName().toString()); // one run per trial
      assertEquals("FINISHED", run.status(), t.toString());
      assertEquals(parents.get(0).path("info").path("run_id").asText(), run.tags().get("mlflow.parentRunId"));
      assertTrue(run.tags().containsKey("gantrack.resumes"), "the same MLflow run went on: " + run.tags());
      Map<String, Map<Long, Double>> points = EndToEnd.points(t);
      points.keySet().retainAll(List.of("d_loss", "g_loss", "d_real", "d_fake"));
      run.assertHoldsExactlyOnce(points, Map.of());
    }

    // 4. the same sweep uninterrupted, elsewhere: the same values and final weights
    Path reference = dir.resolve("reference");
    GantrackCli.Outcome ref = GantrackCli.run("sweep", file.toString(), "--grid", "loss.type=hinge,lsgan,minimax",
        "--parallel", "2", "--runs", reference.toString(), "--set", "trackers=[{type: local}]");
    assertEquals(0, ref.code(), ref.out() + ref.err());
    for (Path t : done) {
      Path r = reference.resolve("sweeps").resolve(sweepDir.getFileName()).resolve(t.getFileName());
      List<JsonNode> rows = EndToEnd.rowsWithoutClock(t);
      assertEquals(STEPS / LOG_EVERY, rows.size(), t.toString());
      assertEquals(EndToEnd.rowsWithoutClock(r), rows, "metrics.jsonl of " + t.getFileName());
      for (String weights : List.of("checkpoints/G-final.params", "checkpoints/D-final.params")) {
        assertArrayEquals(Files.readAllBytes(r.resolve(weights)), Files.readAllBytes(t.resolve(weights)),
            weights + " of " + t.getFileName());
      }
    }
  }

  /** The trials' JVM options: each checkpoint pauses {@code ms} after its first file. */
  private static Map<String, String> pausing(int ms) {
    return Map.of(TrialLauncher.JAVA_OPTS_ENV, "-Xmx1g -Dgantrack.test.checkpoint-write-pause-ms=" + ms);
  }

  private static void await(BooleanSupplier condition, Process p, Path log, String what) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (!p.isAlive()) {
        fail("the sweep ended before " + what + ": " + text(log, ".out") + text(log, ".err"));
      }
      if (System.nanoTime() > deadline) {
        fail("no " + what + " within 3 minutes: " + text(log, ".out"));
      }
      Thread.sleep(100);
    }
  }

  /** The attempt folders of the one sweep under {@code runs}. */
  private static List<Path> attempts(Path runs) {
    Path sweeps = runs.resolve("sweeps");
    if (!Files.isDirectory(sweeps)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(sweeps)) {
      List<Path> out = new ArrayList<>();
      for (Path sweep : s.toList()) {
        try (Stream<Path> t = Files.list(sweep)) {
          t.filter(Files::isDirectory).sorted().forEach(out::add);
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static long newestCheckpoint(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      return s.filter(c -> Files.exists(c.resolve("manifest.json"))).map(c -> c.getFileName().toString())
          .filter(n -> n.matches("step-\\d{6}")).mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(0);
    }
  }

  private static void killTree(Process p) {
    if (p.isAlive()) { // the test failed before the sweep ended: leave no process behind
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String text(Path log, String suffix) {
    try {
      return Files.readString(Path.of(log + suffix));
    } catch (IOException e) {
      return "(no " + log + suffix + ")";
    }
  }
}
