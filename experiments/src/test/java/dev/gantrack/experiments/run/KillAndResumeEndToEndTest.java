package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a run survives its process: the real CLI in a child JVM, killed with SIGKILL (at a
 * random step, and in the middle of writing a checkpoint), then {@code gantrack resume}d, ends with
 * metrics.jsonl rows and final weights bit-identical to an uninterrupted run. Every component family
 * is on: EMA, spectral norm on G and D, the R1 penalty, annealed instance noise, noisy labels, TTUR with
 * a schedule and a warm-up, two D updates per step, conditional networks (with batch norm in G), on a
 * tiny MLP over the shipped MNIST.
 */
@Tag("slow")
class KillAndResumeEndToEndTest {
  private static final int STEPS = 40;
  private static final int EVERY = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path file;
  static Path reference;

  @BeforeAll
  static void trainTheUninterruptedRun() throws Exception {
    Path mnist = TestFiles.repo().resolve("experiments/data/mnist");
    file = Files.writeString(tmp.resolve("proof.yaml"), """
        name: resume-proof
        seed: 5
        device: cpu
        dataset:
          type: idx
          images: %s
          labels: %s
        generator: {type: mlp, latent-dim: 8, hidden: 32, layers: 1, norm: batch, output: tanh, conditional: true}
        discriminator: {type: mlp, hidden: 32, layers: 1, conditional: true}
        loss: {type: non-saturating}
        penalty: {type: r1, gamma: 1.0}
        label-smoothing: {type: noisy, p: 0.1}
        instance-noise: {type: instance, sigma: 0.2, anneal: linear}
        ttur:
          type: two-time-scale
          d-steps: 2
          generator: {schedule: linear, final-lr: 0.1}
          discriminator: {warmup: 5}
        spectral-norm: {type: power-iteration, generator: true}
        training: {steps: %d, batch-size: 16, log-every: 2, sample-every: 20, checkpoint-every: %d, ema: 0.9}
        trackers: [{type: local}]
        """.formatted(mnist.resolve("mnist-10k-images-idx3-ubyte.gz"), mnist.resolve("mnist-10k-labels-idx1-ubyte.gz"),
        STEPS, EVERY));
    Path runs = tmp.resolve("reference");
    Process p = EndToEnd.startCli(logs().resolve("reference"), "run", file.toString(), "--runs", runs.toString());
    assertEquals(0, EndToEnd.await(p, 300), stderr("reference"));
    reference = EndToEnd.runFolder(runs);
    assertNotNull(reference);
  }

  @Test
  void aRunKilledAtARandomStepAndResumedEndsBitIdenticalToTheUninterruptedRun() throws Exception {
    long seed = System.nanoTime();
    int killAt = EVERY + 1 + new Random(seed).nextInt(STEPS - 2 * EVERY); // past the first checkpoint
    System.out.println("kill at step >= " + killAt + " (random seed " + seed + ")");
    Path runs = tmp.resolve("killed");
    Process p = EndToEnd.startCli(logs().resolve("killed"), "run", file.toString(), "--runs", runs.toString());
    Path run = awaitRunFolder(runs, p);
    while (lastStep(run) < killAt) {
      if (!p.isAlive()) {
        fail("the run ended before step " + killAt + ": " + stderr("killed"));
      }
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final checkpoint
    assertEquals("RUNNING", Files.readAllLines(run.resolve("status")).get(0), "a killed process leaves RUNNING");
    String listing = cli("runs", runs.toString());
    assertTrue(listing.contains("CRASHED") && listing.contains("gantrack resume " + run), listing);

    resume(run, "resumed");
    assertSameRun(reference, run);
  }

  @Test
  void aRunKilledWhileWritingACheckpointResumesFromThePreviousOneBitIdentical() throws Exception {
    Path runs = tmp.resolve("mid-checkpoint");
    // each checkpoint pauses 3 s after its first file, so the kill lands inside the write
    Process p = EndToEnd.startCli(logs().resolve("mid-checkpoint"),
        List.of("-Dgantrack.test.checkpoint-write-pause-ms=3000"), "run", file.toString(), "--runs", runs.toString());
    Path run = awaitRunFolder(runs, p);
    Path unfinished = run.resolve("checkpoints/.tmp-step-0000" + (2 * EVERY));
    while (!Files.exists(unfinished)) {
      if (!p.isAlive()) {
        fail("the run ended before writing its second checkpoint: " + stderr("mid-checkpoint"));
      }
      Thread.sleep(20);
    }
    Thread.sleep(500);
    p.destroyForcibly().waitFor();
    assertTrue(Files.isDirectory(unfinished), "the half-written checkpoint is left under its temporary name");
    assertFalse(Files.exists(unfinished.resolve("manifest.json")), "no manifest: the write was cut short");
    assertFalse(Files.exists(run.resolve("checkpoints/step-0000" + (2 * EVERY))), "never under its real name");
    assertTrue(Files.exists(run.resolve("checkpoints/step-00000" + EVERY + "/manifest.json")));

    String out = resume(run, "mid-checkpoint-resumed");
    assertTrue(out.contains("from step-00000" + EVERY), out);
    assertFalse(Files.exists(unfinished), "the unfinished checkpoint is cleared away");
    assertSameRun(reference, run);
  }

  /** {@code gantrack resume run} in a child JVM; its stdout. */
  private static String resume(Path run, String log) throws Exception {
    Process r = EndToEnd.startCli(logs().resolve(log), "resume", run.toString());
    assertEquals(0, EndToEnd.await(r, 300), stderr(log));
    assertEquals("FINISHED", Files.readString(run.resolve("status")).strip());
    return Files.readString(Path.of(logs().resolve(log) + ".out"));
  }

  /** metrics.jsonl rows (without the wall-clock fields) and the final checkpoint's every part are identical. */
  private static void assertSameRun(Path expected, Path actual) throws IOException {
    assertEquals(rows(expected), rows(actual), "metrics.jsonl rows");
    String last = "checkpoints/step-0000" + STEPS;
    assertEquals(checksums(expected.resolve(last)), checksums(actual.resolve(last)), "every part of the final state");
    assertArrayEquals(Files.readAllBytes(expected.resolve("checkpoints/G-final.params")),
        Files.readAllBytes(actual.resolve("checkpoints/G-final.params")), "G's final weights");
    assertArrayEquals(Files.readAllBytes(expected.resolve("checkpoints/G-ema-final.params")),
        Files.readAllBytes(actual.resolve("checkpoints/G-ema-final.params")), "the EMA copy's final weights");
    String grid = "samples/step-0000" + STEPS + ".png";
    assertArrayEquals(Files.readAllBytes(expected.resolve(grid)), Files.readAllBytes(actual.resolve(grid)),
        "the last sample grid (the fixed latents through the EMA copy)");
  }

  /** Every row of metrics.jsonl without {@code time} and {@code steps_per_sec}, which measure the clock. */
  private static List<JsonNode> rows(Path run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      ObjectNode row = (ObjectNode) JSON.readTree(line);
      row.remove("time");
      row.remove("steps_per_sec");
      out.add(row);
    }
    assertTrue(out.size() >= STEPS / 2, "one row per logged step at least");
    return out;
  }

  /** Part name → SHA-256 of its state file, from the checkpoint's manifest. */
  private static Map<String, String> checksums(Path checkpoint) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode part : JSON.readTree(checkpoint.resolve("manifest.json").toFile()).path("parts")) {
      out.put(part.path("name").asText(), part.path("sha256").asText());
    }
    assertTrue(out.keySet().containsAll(List.of("generator", "discriminator", "generator-ema", "ttur.generator",
        "ttur.discriminator", "updates")), out.keySet().toString());
    assertTrue(out.keySet().stream().anyMatch(k -> k.startsWith("spectral-norm.generator.")), out.keySet().toString());
    return out;
  }

  private static long lastStep(Path run) throws IOException {
    long step = 0;
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      try {
        step = Math.max(step, JSON.readTree(line).path("step").asLong());
      } catch (IOException torn) {
        // a line being written
      }
    }
    return step;
  }

  private static Path awaitRunFolder(Path runs, Process p) throws Exception {
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(runs)) {
        try (Stream<Path> s = Files.walk(runs, 2)) {
          var found = s.filter(d -> Files.exists(d.resolve("metrics.jsonl"))).findFirst();
          if (found.isPresent()) {
            return found.get();
          }
        }
      }
      if (!p.isAlive()) {
        fail("the run ended before it began: exit " + p.exitValue());
      }
      Thread.sleep(50);
    }
    return fail("no run folder under " + runs);
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  private static String stderr(String log) {
    try {
      return Files.readString(Path.of(logs().resolve(log) + ".err"));
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  private static Path logs() throws IOException {
    return Files.createDirectories(Path.of("target", "e2e-logs", "resume").toAbsolutePath());
  }
}
