package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import dev.gantrack.trackers.tensorboard.PythonTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracked run killed with SIGKILL after its trackers recorded steps past its last checkpoint, then
 * resumed: TensorBoard's own readers and a real MLflow server (the same MLflow run, FINISHED) show
 * every logged step exactly once, with metrics.jsonl's values.
 */
@Tag("slow")
class ResumedTrackersEndToEndTest {
  private static final String NAME = "ring-resume";
  /** Long enough that the run cannot finish in the 0.7 s between seeing the kill step and the kill. */
  private static final int STEPS = 1000;
  private static final int EVERY = 40;

  @TempDir static Path tmp;
  static MlflowServer server;
  static Path run;
  static long killedAfter;

  @BeforeAll
  static void trainKillAndResume() throws Exception {
    server = MlflowServer.in(tmp.resolve("mlflow")).start();
    Path file = EndToEnd.ringExperiment(tmp, NAME, STEPS, 5, 50, server.uri());
    Path runs = tmp.resolve("runs");
    long seed = System.nanoTime();
    int killAt = EVERY + 10 + new Random(seed).nextInt(3 * EVERY); // early: most of the run is left to resume
    System.out.println("kill after step " + killAt + " (random seed " + seed + ")");
    Path log = logs().resolve("tracked-killed");
    Process p = EndToEnd.startCli(log, "run", file.toString(), "--runs", runs.toString(),
        "--set", "training.checkpoint-every=" + EVERY);
    try {
      long deadline = System.nanoTime() + 240_000_000_000L;
      while ((run = EndToEnd.runFolder(runs)) == null || EndToEnd.lastStep(run) < killAt) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          fail("the run ended or stalled before step " + killAt + ": " + Files.readString(Path.of(log + ".err")));
        }
        Thread.sleep(20);
      }
      Thread.sleep(700); // let the trackers write (and MLflow receive) steps past the checkpoint
      killedAfter = EndToEnd.lastStep(run);
      p.destroyForcibly().waitFor();
    } finally {
      p.destroyForcibly();
    }
    Path resumeLog = logs().resolve("tracked-resumed");
    Process r = EndToEnd.startCli(resumeLog, "resume", run.toString());
    assertEquals(0, EndToEnd.await(r, 300), Files.readString(Path.of(resumeLog + ".err")));
    assertNotNull(run);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void mlflowHasTheSameRunFinishedWithEveryPointOnce() throws Exception {
    Map<String, Map<Long, Double>> points = EndToEnd.points(run); // fails on a step twice in metrics.jsonl
    assertEquals(STEPS / 5, points.get("d_loss").size());
    assertTrue(killedAfter > EVERY, "the kill came after the first checkpoint: " + killedAfter);
    MlflowReadBack back = MlflowReadBack.of(server.uri(), NAME, run.getFileName().toString());
    assertEquals("FINISHED", back.status());
    assertEquals("1", back.tags().get("gantrack.resumes"), back.tags().toString());
    // steps_per_sec measures the clock: before the crash it was logged by the first process
    Map<Long, Double> speed = points.remove("steps_per_sec");
    EndToEnd.assertExactlyOnce(withKey(points, "steps_per_sec", speed), back);
  }

  @Test
  void tensorBoardsReadersShowEveryStepOnceWithTheRunFoldersValues() throws Exception {
    Path script = EndToEnd.resourceFile("tensorboard/read_events.py", tmp.resolve("py"));
    PythonTool.Result r = PythonTool.run(script, Duration.ofMinutes(2), run.resolve("tensorboard").toString());
    JsonNode tb = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(r.stdout());
    assertEquals(2, tb.path("records").size(), "an event file per process: " + tb.path("records").fieldNames());
    List<String> what = new ArrayList<>();
    tb.path("records").forEach(f -> f.path("what").forEach(w -> what.add(w.asText())));
    assertEquals(2, what.stream().filter("session_log"::equals).count(), "a SessionLog START per process: " + what);
    Map<String, Map<Long, Double>> points = EndToEnd.points(run);
    JsonNode legacy = tb.path("legacy").elements().next();
    JsonNode provider = tb.path("provider").path("scalars").elements().next();
    for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake", "lr_g", "modes_captured")) {
      Map<Long, Float> want = new TreeMap<>();
      points.get(key).forEach((step, v) -> want.put(step, (float) (double) v));
      assertEquals(want, once(legacy.path("scalars").path(key), key + " (event accumulator)"));
      assertEquals(want, once(provider.path(key), key + " (data provider)"));
    }
    TreeSet<Long> imageSteps = new TreeSet<>();
    legacy.path("images").path("samples").forEach(i -> assertTrue(imageSteps.add(i.path("step").asLong()),
        "image twice at " + i.path("step")));
    TreeSet<Long> every50 = new TreeSet<>();
    for (long s = 50; s <= STEPS; s += 50) {
      every50.add(s);
    }
    assertEquals(every50, imageSteps);
  }

  /** step → value of a TensorBoard series ([step, wall time, value] triples), failing on a step seen twice. */
  private static Map<Long, Float> once(JsonNode series, String what) {
    Map<Long, Float> out = new TreeMap<>();
    for (JsonNode p : series) {
      assertEquals(null, out.put(p.get(0).asLong(), (float) p.get(2).asDouble()), what + " twice at step " + p.get(0));
    }
    return out;
  }

  /** {@code points} with steps_per_sec at the steps metrics.jsonl has, its values as MLflow holds them. */
  private static Map<String, Map<Long, Double>> withKey(Map<String, Map<Long, Double>> points, String key,
      Map<Long, Double> steps) throws Exception {
    MlflowReadBack back = MlflowReadBack.of(server.uri(), NAME, run.getFileName().toString());
    Map<Long, Double> held = new TreeMap<>();
    for (JsonNode m : back.history(key)) {
      assertEquals(null, held.put(m.path("step").asLong(), MlflowReadBack.number(m.path("value"))), key + " twice");
    }
    assertEquals(steps.keySet(), held.keySet(), key + ": the steps of metrics.jsonl, each once");
    Map<String, Map<Long, Double>> out = new TreeMap<>(points);
    out.put(key, held);
    return out;
  }

  private static Path logs() throws IOException {
    return Files.createDirectories(Path.of("target", "e2e-logs", "resume").toAbsolutePath());
  }
}
