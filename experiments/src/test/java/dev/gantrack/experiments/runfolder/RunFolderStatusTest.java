package dev.gantrack.experiments.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.runfolder.RunFolderStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one reading of a run folder's status and lock together: a held lock means a live process is in
 * the folder whatever the status says yet; a RUNNING status (or none) with a free lock is a process
 * that died; what a run wrote when it ended is taken as written, with the first line of why.
 */
class RunFolderStatusTest {
  @TempDir Path dir;

  private Path folder(String name, String status) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    if (status != null) {
      Files.writeString(run.resolve(StatusFile.FILE), status);
    }
    return run;
  }

  private static String running(String host, Instant heartbeat) {
    return "RUNNING\npid: 4242\nhost: " + host + "\nstarted: " + heartbeat + "\nheartbeat: " + heartbeat + "\n";
  }

  @Test
  void aHeldLockIsRunningWhateverTheStatusSaysYet() throws Exception {
    Path resuming = folder("resuming", "KILLED\n"); // a resume restoring its checkpoint: the status is the old one
    Path starting = folder("starting", null); // a new run between taking its lock and writing RUNNING
    try (RunLock a = RunLock.tryAcquire(resuming); RunLock b = RunLock.tryAcquire(starting)) {
      RunFolderStatus r = RunFolderStatus.read(resuming, Instant.now());
      assertEquals(State.RUNNING, r.state());
      assertTrue(r.live());
      assertFalse(r.resumable());
      assertEquals(State.RUNNING, RunFolderStatus.read(starting, Instant.now()).state());
    }
    assertEquals(State.KILLED, RunFolderStatus.read(resuming, Instant.now()).state(), "the lock is free again");
    assertTrue(RunFolderStatus.read(resuming, Instant.now()).resumable());
  }

  @Test
  void runningWithAFreeLockOrNoStatusAtAllIsCrashed() throws Exception {
    Path killed9 = folder("killed9", running(StatusFile.host(), Instant.now()));
    RunFolderStatus s = RunFolderStatus.read(killed9, Instant.now());
    assertEquals(State.CRASHED, s.state(), "a fresh heartbeat from this machine counts for nothing once the lock is free");
    assertTrue(s.resumable());
    assertNull(s.reason());
    assertEquals("process 4242 on " + StatusFile.host() + " (heartbeat " + s.contents().field("heartbeat") + ")", s.holder());
    assertEquals(State.CRASHED, RunFolderStatus.read(folder("empty", null), Instant.now()).state());
  }

  @Test
  void howARunEndedIsTakenAsWrittenWithTheFirstLineOfWhy() throws Exception {
    RunFolderStatus failed = RunFolderStatus.read(folder("failed",
        "FAILED\njava.lang.IllegalStateException: training diverged at step 10: d_loss=NaN\n\tat x.y(Z.java:1)\n"), Instant.now());
    assertEquals(State.FAILED, failed.state());
    assertEquals("java.lang.IllegalStateException: training diverged at step 10: d_loss=NaN", failed.reason());
    assertEquals(State.FINISHED, RunFolderStatus.read(folder("finished", "FINISHED\n"), Instant.now()).state());
    RunFolderStatus swept = RunFolderStatus.read(folder("swept",
        "CRASHED\nthe trial's process ended with exit code 137 (see console.log)\n"), Instant.now());
    assertEquals(State.CRASHED, swept.state());
    assertEquals("the trial's process ended with exit code 137 (see console.log)", swept.reason());
    RunFolderStatus odd = RunFolderStatus.read(folder("odd", "PAUSED\n"), Instant.now());
    assertEquals(State.CRASHED, odd.state());
    assertEquals("status file says 'PAUSED'", odd.reason());
  }

  @Test
  void anotherMachinesRunIsRunningWhileItBeatsWithinThreeHeartbeats() throws Exception {
    Instant now = Instant.now();
    StatusFile.Contents fresh = StatusFile.read(folder("fresh", running("node7", now.minusSeconds(5))));
    StatusFile.Contents stale = StatusFile.read(folder("stale", running("node7", now.minusSeconds(31))));
    assertEquals(State.RUNNING, RunFolderStatus.of(fresh, false, now).state(), "its lock may not be visible here");
    assertEquals(State.CRASHED, RunFolderStatus.of(stale, false, now).state());
  }

  @Test
  void whereTheLockCannotBeProbedTheHeartbeatDecides() throws Exception {
    Instant now = Instant.now();
    StatusFile.Contents fresh = StatusFile.read(folder("fresh", running(StatusFile.host(), now.minusSeconds(5))));
    StatusFile.Contents stale = StatusFile.read(folder("stale", running(StatusFile.host(), now.minusSeconds(31))));
    assertEquals(State.RUNNING, RunFolderStatus.of(fresh, null, now).state());
    assertEquals(State.CRASHED, RunFolderStatus.of(stale, null, now).state());
    assertEquals(State.CRASHED, RunFolderStatus.of(null, null, now).state());
  }
}
