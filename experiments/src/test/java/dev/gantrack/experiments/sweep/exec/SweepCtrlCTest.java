package dev.gantrack.experiments.sweep.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.run.EndToEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT to {@code gantrack sweep}) stops the sweep cleanly: the running trials end KILLED
 * with their folders complete, their processes gone, the trials never started are KILLED in the
 * summary, and the command exits 130.
 */
@Tag("slow")
class SweepCtrlCTest {
  @TempDir Path dir;

  @Test
  void ctrlCStopsRunningTrialsAsKilledAndMarksTheRestKilled() throws Exception {
    Path file = Files.writeString(dir.resolve("long.yaml"), """
        name: longring
        seed: 5
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 16, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 16, layers: 1}
        training: {steps: 1000000, batch-size: 16, log-every: 20}
        trackers: [{type: local}]
        """);
    Path runs = dir.resolve("runs");
    Process p = EndToEnd.startCli(dir.resolve("sweep"), "sweep", file.toString(), "--grid", "loss.type=hinge,lsgan,minimax",
        "--parallel", "2", "--runs", runs.toString());
    List<ProcessHandle> trials;
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (logging(runs) < 2) {
        assertTrue(p.isAlive(), "the sweep ended early: " + Files.readString(Path.of(dir.resolve("sweep") + ".err")));
        assertTrue(System.nanoTime() < deadline, "two trials did not start logging within 2 minutes");
        Thread.sleep(250);
      }
      trials = p.children().filter(h -> h.info().commandLine().orElse("").contains("-Dai.djl.pytorch.num_threads="))
          .toList();
      assertEquals(2, trials.size(), "two trial JVMs run at once");
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(); // Ctrl-C
      assertEquals(130, EndToEnd.await(p, 90), Files.readString(Path.of(dir.resolve("sweep") + ".err")));
    } finally {
      if (p.isAlive()) { // the test failed before the sweep ended: leave no process behind
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    for (ProcessHandle h : trials) {
      assertFalse(h.isAlive(), "trial process " + h.pid() + " outlived its sweep");
    }
    Path sweep;
    try (Stream<Path> s = Files.list(runs.resolve("sweeps"))) {
      sweep = s.findFirst().orElseThrow();
    }
    int folders = 0;
    try (Stream<Path> s = Files.list(sweep)) {
      for (Path t : s.filter(Files::isDirectory).toList()) {
        folders++;
        assertEquals("KILLED", Files.readAllLines(t.resolve("status")).get(0), t.toString());
        // a stopped run saves a complete checkpoint of its last step (G-final.params is exported only when it finishes)
        boolean checkpointed;
        try (Stream<Path> c = Files.list(t.resolve("checkpoints"))) {
          checkpointed = c.anyMatch(f -> f.getFileName().toString().startsWith("step-") && Files.exists(f.resolve("manifest.json")));
        }
        assertTrue(Files.exists(t.resolve("metrics.jsonl")) && checkpointed, "a killed trial's folder is complete: " + t);
      }
    }
    assertEquals(2, folders, "the third trial never started");
    List<String> csv = Files.readAllLines(sweep.resolve("summary.csv"));
    assertEquals(4, csv.size());
    assertEquals(3, csv.stream().filter(l -> l.contains(",KILLED,")).count(), String.join("\n", csv));
    assertTrue(csv.stream().anyMatch(l -> l.contains("stopped before it started")), String.join("\n", csv));
  }

  private static int logging(Path runs) throws Exception {
    Path sweeps = runs.resolve("sweeps");
    if (!Files.isDirectory(sweeps)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(sweeps, 3)) {
      return (int) s.filter(p -> p.getFileName().toString().equals("metrics.jsonl")).filter(p -> {
        try {
          return Files.size(p) > 0;
        } catch (Exception e) {
          return false;
        }
      }).count();
    }
  }
}
