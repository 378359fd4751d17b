package dev.gantrack.experiments.sweep;

import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.experiments.runfolder.RunFolderStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What running a sweep (again) does with one of its trials, decided from the trial's latest attempt
 * in the sweep's folder ({@link RunFolderStatus}: the status and the lock read together):
 *
 * <ul>
 *   <li>{@link Action#SKIP}: it FINISHED or FAILED; done.
 *   <li>{@link Action#LEAVE}: a live process trains in it (another process running the same sweep, a
 *       {@code gantrack resume}); neither run again nor resumed here.
 *   <li>{@link Action#RESUME}: it was stopped (KILLED) or its process died (CRASHED) and it holds a
 *       sound checkpoint before its last step: continued in its own folder from the newest such
 *       checkpoint, as {@code gantrack resume} does.
 *   <li>{@link Action#START}: it never started, or it stopped without a checkpoint to continue from: a
 *       new attempt folder.
 * </ul>
 *
 * @param action what is done with the trial
 * @param attempt the latest attempt's folder (resumed, left to its process, or the one before a new
 *     attempt), or null when the trial has none
 * @param status that attempt's status (NOT_STARTED when there is none)
 * @param checkpoint the checkpoint a RESUME continues from, else null
 * @param note why, when it needs saying (who trains in it, a damaged checkpoint passed over, why a
 *     stopped attempt starts afresh), or null
 */
public record NextAttempt(Action action, Path attempt, TrialStatus status, CheckpointInfo checkpoint, String note) {
  /** What is done with a trial. */
  public enum Action { SKIP, LEAVE, RESUME, START }

  /**
   * Decides for {@code trial}; {@code checkpoints} lists a run folder's checkpoints, newest first, each
   * checked (the trial's backend's {@link dev.gantrack.api.Backend#checkpoints}).
   */
  public static NextAttempt decide(SweepFolder folder, PlannedTrial trial, Function<Path, List<CheckpointInfo>> checkpoints)
      throws IOException {
    Path latest = folder.latestAttempt(trial.key()).orElse(null);
    if (latest == null) {
      return new NextAttempt(Action.START, null, TrialStatus.NOT_STARTED, null, null);
    }
    RunFolderStatus run = RunFolderStatus.read(latest, Instant.now());
    TrialStatus status = TrialStatus.of(run).status();
    if (status.done()) {
      return new NextAttempt(Action.SKIP, latest, status, null, null);
    }
    if (run.live()) {
      return new NextAttempt(Action.LEAVE, latest, status, null, run.holder() + " is training in it");
    }
    List<CheckpointInfo> all;
    try {
      all = checkpoints.apply(latest);
    } catch (RuntimeException e) {
      return new NextAttempt(Action.START, latest, status, null, "its checkpoints cannot be read (" + e.getMessage() + ")");
    }
    String passedOver = null;
    for (CheckpointInfo c : all) {
      if (c.step() >= trial.steps()) {
        continue; // written at the last step: nothing is left to train from it
      }
      if (c.sound()) {
        return new NextAttempt(Action.RESUME, latest, status, c, passedOver);
      }
      if (passedOver == null) {
        passedOver = c.name() + " passed over: " + c.problem();
      }
    }
    String why = all.isEmpty() ? "no checkpoint to continue from"
        : passedOver == null ? "its checkpoint is at its last step" : "no sound checkpoint (" + passedOver + ")";
    return new NextAttempt(Action.START, latest, status, null, why);
  }
}
