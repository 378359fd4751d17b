package dev.gantrack.experiments.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How a run folder stands now, from its {@code status} and its {@link RunLock} read together: the one
 * place that tells a run a live process trains in from one whose process is gone ({@code gantrack
 * runs}, {@code gantrack resume}, a sweep run again, the report all ask it).
 *
 * <ul>
 *   <li>RUNNING: a process holds the folder's lock, whatever the status says yet (a resume restoring
 *       its checkpoint, a run writing its last records), or a process on another machine says RUNNING
 *       and beat within three heartbeats (its lock may not be visible from here: {@link
 *       StatusFile.Contents#aliveElsewhere}); where the lock cannot be probed (a folder this user may
 *       not write), a RUNNING status that beat within three heartbeats.
 *   <li>CRASHED: the status says RUNNING, or there is none, and no live process holds the folder: the
 *       process died without writing how it ended (and CRASHED as a sweep writes it for such a trial).
 *   <li>FINISHED, FAILED, KILLED: how the run ended, as it wrote it.
 * </ul>
 *
 * @param state the folder's state now
 * @param contents the status file as read, or null when there is none
 */
public record RunFolderStatus(State state, StatusFile.Contents contents) {
  /** A run folder's state. */
  public enum State { RUNNING, FINISHED, FAILED, KILLED, CRASHED }

  /** Reads {@code runDir}'s status and probes its lock. */
  public static RunFolderStatus read(Path runDir, Instant now) {
    StatusFile.Contents contents;
    try {
      contents = StatusFile.read(runDir);
    } catch (IOException e) {
      contents = new StatusFile.Contents("", java.util.Map.of(), "status unreadable: " + e.getMessage());
    }
    Boolean held;
    try {
      held = RunLock.held(runDir);
    } catch (IOException e) {
      held = null; // cannot probe (a folder this user may not write): the heartbeat decides
    }
    return of(contents, held, now);
  }

  /**
   * The state of a folder whose status says {@code contents} (null: none) and whose lock is held by a
   * live process ({@code lockHeld} true), free (false) or cannot be probed (null).
   */
  public static RunFolderStatus of(StatusFile.Contents contents, Boolean lockHeld, Instant now) {
    boolean running = contents == null || StatusFile.RUNNING.equals(contents.state());
    if (Boolean.TRUE.equals(lockHeld) || (contents != null && contents.aliveElsewhere(now))
        || (lockHeld == null && running && contents != null && contents.beatSince(now.minusSeconds(3 * StatusFile.HEARTBEAT_SECONDS)))) {
      return new RunFolderStatus(State.RUNNING, contents);
    }
    if (running) {
      return new RunFolderStatus(State.CRASHED, contents);
    }
    for (State s : State.values()) {
      if (s != State.RUNNING && s.name().equals(contents.state())) {
        return new RunFolderStatus(s, contents);
      }
    }
    return new RunFolderStatus(State.CRASHED, new StatusFile.Contents(contents.state(), contents.fields(),
        contents.rest().isBlank() ? "status file says '" + contents.state() + "'" : contents.rest()));
  }

  /** True when a live process trains in the folder. */
  public boolean live() {
    return state == State.RUNNING;
  }

  /** True when {@code gantrack resume} can continue it: it was stopped (KILLED) or its process died (CRASHED). */
  public boolean resumable() {
    return state == State.KILLED || state == State.CRASHED;
  }

  /** The first line of why it ended (a failure, a crash), or null. */
  public String reason() {
    if (contents == null || live() || contents.rest().isBlank()) {
      return null;
    }
    return contents.rest().strip().lines().findFirst().orElse(null);
  }

  /** Who trains in the folder, as its status says: {@code process 4242 on node7 (heartbeat ...)}. */
  public String holder() {
    if (contents == null || contents.field("pid") == null) {
      return "another process";
    }
    return "process " + contents.field("pid") + " on " + contents.field("host") + " (heartbeat "
        + contents.field("heartbeat") + ")";
  }
}
