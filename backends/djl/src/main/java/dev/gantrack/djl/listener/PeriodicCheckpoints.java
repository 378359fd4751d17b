package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A complete checkpoint ({@code checkpoints/step-XXXXXX/}, see {@link Checkpoints}) every {@code
 * training.checkpoint-every} steps, at the last step, and when the run is stopped (Ctrl-C, SIGTERM)
 * after at least one step, never when it failed. Before each, the trackers are asked to make durable
 * what they were given ({@link dev.gantrack.api.track.Tracker#onCheckpoint}), so a run resumed from it
 * finds them complete up to its step. When the run finishes, G's, D's and the EMA copy's weights are
 * also exported in DJL's format ({@code G-final.params}, ...) and G's go to the trackers as an artifact.
 */
public final class PeriodicCheckpoints implements GanTrainingListener {
  private final int every;
  private final RunContext run;
  private final Checkpoints checkpoints;
  private long saved = -1;

  @Inject
  PeriodicCheckpoints(TrainingSpec training, RunContext run, Checkpoints checkpoints) {
    this.every = training.checkpointEvery();
    this.run = run;
    this.checkpoints = checkpoints;
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    saved = progress.step(); // a resumed run starts from a checkpoint of this step
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if ((every > 0 && outcome.step() % every == 0) || outcome.last()) {
      save(outcome.step());
    }
  }

  @Override
  public void onTrainingEnd(TrainingProgress progress, RunStatus status) {
    if (status == RunStatus.FAILED) {
      return;
    }
    if (progress.step() > 0 && progress.step() != saved) {
      save(progress.step());
    }
    if (status == RunStatus.FINISHED) {
      try {
        Path g = checkpoints.exportFinalWeights();
        run.tracker().onArtifact(g, "checkpoints/" + g.getFileName());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
