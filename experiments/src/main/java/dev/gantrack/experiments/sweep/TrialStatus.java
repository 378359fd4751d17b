package dev.gantrack.experiments.sweep;

import dev.gantrack.experiments.runfolder.RunFolderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a trial's attempt stands, as its run folder says ({@link RunFolderStatus}, which reads the
 * {@code status} and the lock together): RUNNING while a live process trains in it, FINISHED, FAILED
 * (diverged, or refused) and KILLED as the run wrote them, CRASHED when its process died without
 * writing how it ended, and NOT_STARTED for a trial that never got a folder (the sweep was stopped
 * first). FINISHED and FAILED are done: running the sweep again skips them.
 */
public enum TrialStatus {
  FINISHED, FAILED, KILLED, CRASHED, RUNNING, NOT_STARTED;

  /** Whether running the sweep again leaves this trial as it is. */
  public boolean done() {
    return this == FINISHED || this == FAILED;
  }

  /** The status of the attempt in {@code runDir}. */
  public static TrialStatus of(Path runDir) {
    return read(runDir).status();
  }

  /** A status and the first line of why it ended (a failure, a crash), or null. */
  public record Read(TrialStatus status, String error) {}

  /** The status of the attempt in {@code runDir} and the first line of why it ended. */
  public static Read read(Path runDir) {
    if (runDir == null || !Files.isDirectory(runDir)) {
      return new Read(NOT_STARTED, null);
    }
    return of(RunFolderStatus.read(runDir, Instant.now()));
  }

  /** A run folder's status as a trial's. */
  public static Read of(RunFolderStatus folder) {
    return new Read(valueOf(folder.state().name()), folder.reason());
  }
}
