package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.djl.sample.SampleImages;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every {@code training.sample-every} steps and at the last: the sample picture of the fixed latent
 * batch as {@code samples/step-XXXXXX.png} in the run folder and as the {@code samples} image of every
 * tracker.
 */
public final class SampleGrids implements GanTrainingListener {
  private final int every;
  private final RunContext run;
  private final Sampler sampler;

  @Inject
  SampleGrids(TrainingSpec training, RunContext run, Sampler sampler) {
    this.every = training.sampleEvery();
    this.run = run;
    this.sampler = sampler;
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    try {
      Files.createDirectories(folder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (!outcome.atCadence(every)) {
      return;
    }
    SampleImages.Png png = sampler.picture();
    Path file = folder().resolve(String.format(Locale.ROOT, "step-%06d.png", outcome.step()));
    try {
      Files.write(file, png.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run.tracker().onImage(outcome.step(), "samples", png.bytes(), png.width(), png.height());
  }

  private Path folder() {
    return run.runDirectory().resolve("samples");
  }
}
