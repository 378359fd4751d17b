package dev.gantrack.djl.checkpoint;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * When the trainer writes checkpoints: every {@code training.checkpoint-every} steps and at the last
 * step, each once every listener has seen the step (so a listener's state is saved as it stands after
 * the step, the state a resumed run starts from); when the run is stopped (Ctrl-C, SIGTERM) after at
 * least one step, before the listeners hear of the end; never when it failed. Before each, the
 * trackers are asked to make durable what they were given ({@link
 * dev.gantrack.api.track.Tracker#onCheckpoint}), so a run resumed from it finds them complete up to its
 * step. When the run finishes, G's, D's and the EMA copy's weights are exported in DJL's format ({@code
 * G-final.params}, ...) and G's go to the trackers as an artifact.
 *
 * <p>It is the trainer's, not a listener: a listener bound after it (a plugin's) would otherwise change
 * its state after the checkpoint had saved it.
 */
@Singleton
public final class CheckpointSchedule {
  private final int every;
  private final RunContext run;
  private final Checkpoints checkpoints;
  private long saved = -1;

  @Inject
  CheckpointSchedule(TrainingSpec training, RunContext run, Checkpoints checkpoints) {
    this.every = training.checkpointEvery();
    this.run = run;
    this.checkpoints = checkpoints;
  }

  /** The run starts after {@code step} (0, or a resumed run's checkpoint). */
  public void begin(long step) {
    saved = step;
  }

  /** Step {@code step} of {@code total} is done and every listener has seen it. */
  public void afterStep(long step, long total) {
    if ((every > 0 && step % every == 0) || step == total) {
      save(step);
    }
  }

  /** The run was stopped after {@code step}: its state is saved, under the step's name, unless it is already. */
  public void stopped(long step) {
    if (step > 0 && step != saved) {
      save(step);
    }
  }

  /** The run finished: its weights in DJL's format, and G's to the trackers. */
  public void finished() {
    try {
      Path g = checkpoints.exportFinalWeights();
      run.tracker().onArtifact(g, "checkpoints/" + g.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void save(long step) {
    run.tracker().onCheckpoint(step);
    try {
      checkpoints.save(step);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    saved = step;
  }
}
