package dev.gantrack.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts of a trial are found by its key alone; how each ended is read from its status file. */
class SweepFolderTest {
  @TempDir Path runs;

  @Test
  void attemptsAreNumberedAndTheLatestIsFoundByKeyWhateverTheIndex() throws Exception {
    SweepFolder folder = SweepFolder.of(runs, "s-1");
    String key = "0123456789ab";
    assertTrue(folder.latestAttempt(key).isEmpty());
    Files.createDirectories(folder.dir().resolve("003-" + key));
    Files.createDirectories(folder.dir().resolve("003-" + key + "-2"));
    Files.createDirectories(folder.dir().resolve("007-" + key + "-10"));
    Files.createDirectories(folder.dir().resolve("003-ffffffffffff-11"));
    assertEquals("007-" + key + "-10", folder.latestAttempt(key).orElseThrow().getFileName().toString());
    assertEquals(key, SweepFolder.keyOf(folder.dir().resolve("003-" + key + "-2")));
  }

  @Test
  void finishedAndFailedAreDoneWhileKilledCrashedAndNotStartedRunAgain() throws Exception {
    Path run = Files.createDirectories(runs.resolve("r"));
    assertEquals(TrialStatus.CRASHED, TrialStatus.of(run), "a folder without status: the process died");
    Files.writeString(run.resolve("status"), "FAILED\njava.lang.IllegalStateException: training diverged at step 10\n");
    TrialStatus.Read read = TrialStatus.read(run);
    assertEquals(TrialStatus.FAILED, read.status());
    assertEquals("java.lang.IllegalStateException: training diverged at step 10", read.error());
    assertTrue(TrialStatus.FAILED.done());
    assertTrue(TrialStatus.FINISHED.done());
    assertFalse(TrialStatus.KILLED.done());
    assertFalse(TrialStatus.CRASHED.done());
    assertEquals(TrialStatus.NOT_STARTED, TrialStatus.of(runs.resolve("nothing")));
  }
}
