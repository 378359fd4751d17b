package dev.gantrack.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.runfolder.RunLock;
import dev.gantrack.experiments.runfolder.StatusFile;
import dev.gantrack.experiments.sweep.NextAttempt.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep run again does with a trial, from its latest attempt: done ones are skipped, one a live
 * process trains in is left to it, a stopped or crashed one resumes in its folder from its newest sound
 * checkpoint before its last step (damaged ones passed over, and said so), and one with nothing to
 * continue from starts a new attempt folder, claimed atomically.
 */
class NextAttemptTest {
  private static final String KEY = "0123456789ab";
  private static PlannedTrial trial;
  @TempDir Path runs;

  @BeforeAll
  static void trial() throws Exception {
    PluginRegistry registry = PluginRegistry.discover(Path.of("no-plugins"));
    ExperimentLoader.Loaded loaded = new ExperimentLoader(registry)
        .load(TestFiles.repo().resolve("experiments/components/base.yaml"), List.of("training.steps=400"));
    trial = new PlannedTrial(3, KEY, Map.of("loss.type", "hinge"), loaded, "");
  }

  private SweepFolder folder(String status) throws Exception {
    SweepFolder folder = SweepFolder.of(runs, "s-1");
    Path first = Files.createDirectories(folder.dir().resolve("003-" + KEY));
    Files.writeString(first.resolve(StatusFile.FILE), "FAILED\nan older attempt\n");
    Path latest = Files.createDirectories(folder.dir().resolve("003-" + KEY + "-2"));
    if (status != null) {
      Files.writeString(latest.resolve(StatusFile.FILE), status);
    }
    return folder;
  }

  private static CheckpointInfo checkpoint(long step, String problem) {
    return new CheckpointInfo(String.format("step-%06d", step), step, Path.of("checkpoints"), 1, false, problem);
  }

  private static Function<Path, List<CheckpointInfo>> checkpoints(CheckpointInfo... newestFirst) {
    return dir -> List.of(newestFirst);
  }

  @Test
  void finishedAndFailedTrialsAreSkipped() throws Exception {
    NextAttempt next = NextAttempt.decide(folder("FINISHED\n"), trial, checkpoints(checkpoint(400, null)));
    assertEquals(Action.SKIP, next.action());
    assertEquals(TrialStatus.FINISHED, next.status());
    assertTrue(next.attempt().endsWith("003-" + KEY + "-2"), "the latest attempt decides");
  }

  @Test
  void aTrialALiveProcessTrainsInIsLeftToIt() throws Exception {
    SweepFolder folder = folder("RUNNING\npid: 4242\nhost: node7\nstarted: " + Instant.now() + "\nheartbeat: "
        + Instant.now() + "\n");
    try (RunLock held = RunLock.tryAcquire(folder.latestAttempt(KEY).orElseThrow())) {
      NextAttempt next = NextAttempt.decide(folder, trial, checkpoints(checkpoint(200, null)));
      assertEquals(Action.LEAVE, next.action());
      assertEquals(TrialStatus.RUNNING, next.status());
      assertTrue(next.note().startsWith("process 4242 on node7"), next.note());
    }
  }

  @Test
  void aStoppedTrialResumesFromItsNewestSoundCheckpointBeforeItsLastStep() throws Exception {
    NextAttempt next = NextAttempt.decide(folder("KILLED\n"), trial,
        checkpoints(checkpoint(300, "manifest.json: G.state has 1024 bytes, the manifest says 2048"), checkpoint(200, null),
            checkpoint(100, null)));
    assertEquals(Action.RESUME, next.action());
    assertEquals("step-000200", next.checkpoint().name());
    assertTrue(next.note().contains("step-000300 passed over: manifest.json"), next.note());
  }

  @Test
  void aTrialWhoseProcessDiedResumesToo() throws Exception {
    String dead = "RUNNING\npid: 4242\nhost: " + StatusFile.host() + "\nstarted: " + Instant.now() + "\nheartbeat: "
        + Instant.now() + "\n";
    NextAttempt next = NextAttempt.decide(folder(dead), trial, checkpoints(checkpoint(100, null)));
    assertEquals(Action.RESUME, next.action());
    assertEquals(TrialStatus.CRASHED, next.status());
    assertEquals(100, next.checkpoint().step());
    assertNull(next.note());
  }

  @Test
  void aTrialWithNothingToContinueFromStartsANewAttempt() throws Exception {
    NextAttempt none = NextAttempt.decide(folder("KILLED\n"), trial, checkpoints());
    assertEquals(Action.START, none.action());
    assertEquals("no checkpoint to continue from", none.note());
    NextAttempt last = NextAttempt.decide(folder("KILLED\n"), trial, checkpoints(checkpoint(400, null)));
    assertEquals(Action.START, last.action(), "a checkpoint at the last step leaves nothing to train");
    NextAttempt damaged = NextAttempt.decide(folder(null), trial, checkpoints(checkpoint(200, "checksum differs")));
    assertEquals(Action.START, damaged.action());
    assertTrue(damaged.note().contains("no sound checkpoint (step-000200 passed over: checksum differs)"), damaged.note());
    assertTrue(damaged.attempt().endsWith("003-" + KEY + "-2"), "named as the previous attempt");
    NextAttempt fresh = NextAttempt.decide(SweepFolder.of(runs, "s-2"), trial, checkpoints());
    assertEquals(Action.START, fresh.action());
    assertEquals(TrialStatus.NOT_STARTED, fresh.status());
  }

  @Test
  void aNewAttemptFolderIsMadeWhenClaimedSoTheNextClaimGetsAnother() throws Exception {
    SweepFolder folder = folder("KILLED\n");
    Path claimed = folder.claimNextAttempt(trial).orElseThrow();
    assertEquals("003-" + KEY + "-3", claimed.getFileName().toString());
    Path again = folder.claimNextAttempt(trial).orElseThrow();
    assertEquals("003-" + KEY + "-4", again.getFileName().toString(), "a claimed folder is the latest attempt at once");
  }
}
