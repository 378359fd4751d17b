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
import java.util.Locale;

/**
 * Checkpoints every {@code training.checkpoint-every} steps ({@code checkpoints/G-step-XXXXXX.params}
 * and the rest, see {@link Checkpoints}), and the final one when the run ends by finishing or being
 * stopped (not when it failed), whose G weights also go to the trackers as an artifact.
 */
public final class PeriodicCheckpoints implements GanTrainingListener {
  private final int every;
  private final RunContext run;
  private final Checkpoints checkpoints;

  @Inject
  PeriodicCheckpoints(TrainingSpec training, RunContext run, Checkpoints checkpoints) {
    this.every = training.checkpointEvery();
    this.run = run;
    this.checkpoints = checkpoints;
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (every > 0 && outcome.step() % every == 0 && !outcome.last()) {
      save(String.format(Locale.ROOT, "step-%06d", outcome.step()));
    }
  }

  @Override
  public void onTrainingEnd(TrainingProgress progress, RunStatus status) {
    if (status == RunStatus.FAILED) {
      return;
    }
    save("final");
    Path g = folder().resolve("G-final.params");
    run.tracker().onArtifact(g, "checkpoints/G-final.params");
  }

  private void save(String name) {
    try {
      checkpoints.save(folder(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path folder() {
    return run.runDirectory().resolve("checkpoints");
  }
}
