package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantrack} as a separate process, as a shell runs it: every way it can end (a bad file, a
 * bad option, a failed training, Ctrl-C) leaves its output ending with a newline, so the shell's
 * prompt starts on a line of its own, and says what went wrong in one line.
 */
class ProcessOutputTest {
  @TempDir Path dir;

  record Ended(int code, String out, String err) {}

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Gantrack.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
  }

  private Ended await(Process p) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gantrack did not end");
    return new Ended(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  private Path ring() throws IOException {
    return Files.writeString(dir.resolve("ring.yaml"), TestFiles.TINY_RING);
  }

  private static void assertOneErrorLine(Ended e, String... fragments) {
    assertTrue(e.err().endsWith("\n"), "stderr must end with a newline: [" + e.err() + "]");
    List<String> errors = e.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), e.err());
    for (String f : fragments) {
      assertTrue(errors.get(0).contains(f), "'" + f + "' expected in: " + errors.get(0));
    }
    assertFalse(errors.get(0).contains("Exception"), "no class names: " + errors.get(0));
  }

  @Test
  void aBadFileEndsWithANewline() throws Exception {
    Ended e = await(start("validate", TestFiles.repo().resolve("experiments/broken.yaml").toString()));
    assertEquals(Gantrack.BAD_INPUT, e.code());
    assertOneErrorLine(e, "loss.type: unknown loss type 'lsgan2'");
    assertEquals(1, e.err().lines().count(), e.err());
  }

  @Test
  void aBadOptionEndsWithANewline() throws Exception {
    Ended e = await(start("run", ring().toString(), "--set", "training.steps=ten", "--runs", dir.resolve("runs").toString()));
    assertEquals(Gantrack.BAD_INPUT, e.code());
    assertOneErrorLine(e, "training.steps: expected a whole number");
    assertFalse(Files.exists(dir.resolve("runs")));
  }

  @Test
  @Tag("slow")
  void aDivergedRunSaysWhyInItsOwnWordsAndEndsWithANewline() throws Exception {
    // SGD at lr 10 on an unclipped Wasserstein critic overflows within the first logged steps
    Ended e = await(start("run", ring().toString(), "--runs", dir.resolve("runs").toString(),
        "--set", "loss={type: wgan, clip: 0}", "--set", "ttur.generator={optimizer: sgd, lr: 10}",
        "--set", "ttur.discriminator={optimizer: sgd, lr: 10}", "--set", "training={steps: 2000, batch-size: 8, log-every: 10}"));
    assertEquals(Gantrack.FAILED, e.code(), e.err());
    assertOneErrorLine(e, "error: training failed: training diverged at step ", "d_loss=NaN", "--debug");
    assertFalse(e.err().contains("$"), "no nested class names: " + e.err());
    assertTrue(e.out().contains("run folder: "), e.out());
  }

  @Test
  @Tag("slow")
  void ctrlCStopsTheRunCleanlyWithACheckpointNotCalledFinalAndTheLastLineEnds() throws Exception {
    Process p = start("run", ring().toString(), "--runs", dir.resolve("runs").toString(),
        "--set", "training={steps: 1000000, batch-size: 8, log-every: 20}");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(dir.resolve("out.txt")).contains("  step ") && System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "ended early: " + Files.readString(dir.resolve("err.txt")));
      Thread.sleep(100);
    }
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
    assertEquals(0, kill.waitFor());
    Ended e = await(p);
    assertEquals(Gantrack.KILLED, e.code(), e.err());
    assertTrue(e.out().contains("gantrack: run killed after "), e.out());
    assertTrue(e.out().contains("run folder: "), "the last line is printed before the process ends:\n" + e.out());
    assertTrue(e.out().endsWith("\n") && (e.err().isEmpty() || e.err().endsWith("\n")), e.out() + e.err());
    List<Path> status;
    try (Stream<Path> s = Files.walk(dir.resolve("runs"))) {
      status = s.filter(f -> f.getFileName().toString().equals("status")).toList();
    }
    assertEquals(1, status.size());
    assertTrue(Files.readString(status.get(0), StandardCharsets.UTF_8).startsWith("KILLED"));
    Path checkpoints = status.get(0).resolveSibling("checkpoints");
    List<String> names;
    try (Stream<Path> s = Files.list(checkpoints)) {
      names = s.map(f -> f.getFileName().toString()).toList();
    }
    assertFalse(names.isEmpty(), "a checkpoint at the step the run stopped after");
    for (String name : names) {
      assertTrue(name.matches("step-\\d{6}"), "named by its step, never final: " + names);
      assertTrue(Files.exists(checkpoints.resolve(name).resolve("manifest.json")), name + " is complete");
    }
  }
}
