package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.cli.CommandLineTest.Outcome;
import dev.gantrack.experiments.runfolder.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantrack runs}: a RUNNING status whose process holds the run's lock is RUNNING, one whose lock
 * is free is CRASHED with the command that resumes it; step of steps, idle time and the best quality
 * metric come from the run folder.
 */
class RunsCommandTest {
  @TempDir Path dir;

  private Path run(String name, String id, String status) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name).resolve(id));
    Files.writeString(run.resolve("experiment.yaml"), "name: " + name + "\n");
    Files.writeString(run.resolve("provenance.json"),
        "{\"experiment\": {\"name\": \"" + name + "\", \"training\": {\"steps\": 400}}}");
    Files.writeString(run.resolve("status"), status);
    Files.writeString(run.resolve("metrics.jsonl"), """
        {"step":50,"d_loss":0.7}
        {"step":50,"modes_captured":5.0,"reverse_kl":0.9}
        {"step":100,"d_loss":0.6}
        {"step":100,"modes_captured":8.0,"reverse_kl":0.2}
        {"step":150,"d_loss":0.6}
        {"step":150,"modes_captured":7.0,"reverse_kl":0.1}
        {"step":160,"d_lo""");
    return run;
  }

  @Test
  void aRunningStatusWithAFreeLockIsCrashedAndShowsHowToResume() throws Exception {
    String running = "RUNNING\npid: 999999\nhost: elsewhere\nstarted: " + Instant.now() + "\nheartbeat: "
        + Instant.now().minusSeconds(125) + "\n";
    Path crashed = run("ring", "20261201-100000-aaaa", running);
    Path alive = run("ring", "20261201-110000-bbbb", running);
    Path done = run("mnist", "20261201-090000-cccc", "FINISHED\n");
    try (RunLock lock = RunLock.tryAcquire(alive)) {
      Outcome o = CommandLineTest.gantrack("runs", dir.toString());
      assertEquals(0, o.code(), o.err());
      String[] lines = o.out().split("\n");
      assertTrue(lines[0].startsWith("EXPERIMENT"), o.out());
      assertTrue(lines[1].contains("mnist") && lines[1].contains("FINISHED"), o.out());
      assertTrue(lines[2].contains("20261201-100000-aaaa") && lines[2].contains("CRASHED"), o.out());
      assertTrue(lines[2].contains("150/400") && lines[2].contains(" 2m "), o.out());
      assertTrue(lines[2].contains("modes_captured 8 @ 100"), "the best, not the last: " + o.out());
      assertEquals("  resume with: gantrack resume " + crashed, lines[3]);
      assertTrue(lines[4].contains("20261201-110000-bbbb") && lines[4].contains("RUNNING"), o.out());
      assertFalse(o.out().contains("gantrack resume " + alive), o.out());
      assertFalse(o.out().contains("gantrack resume " + done), o.out());
    }
  }

  @Test
  void aRunOnAnotherMachineThatBeatRecentlyIsRunningThoughItsLockIsNotSeenHere() throws Exception {
    Path remote = run("ring", "20261201-120000-dddd", "RUNNING\npid: 4242\nhost: another-node\nstarted: "
        + Instant.now() + "\nheartbeat: " + Instant.now().minusSeconds(5) + "\n");
    Outcome o = CommandLineTest.gantrack("runs", dir.toString());
    assertTrue(o.out().contains("20261201-120000-dddd") && o.out().contains("RUNNING"), o.out());
    assertFalse(o.out().contains("CRASHED"), o.out());
    Outcome resume = CommandLineTest.gantrack("resume", remote.toString());
    assertEquals(2, resume.code(), resume.err());
    assertTrue(resume.err().contains("in use: process 4242 on another-node"), resume.err());
  }

  @Test
  void aFolderThatIsNotThereIsOneLine() {
    Outcome o = CommandLineTest.gantrack("runs", dir.resolve("nope").toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("not a folder"), o.err());
  }
}
