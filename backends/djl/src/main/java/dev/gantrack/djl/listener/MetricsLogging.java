package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@code training.log-every} steps and at the last: the step's values (the one host sync of a
 * logging step), the learning rates and {@code steps_per_sec} over the steps since the last log, to
 * every tracker (through {@link LoggedValues}, where the health monitor reads them).
 */
public final class MetricsLogging implements GanTrainingListener {
  private final int logEvery;
  private final LoggedValues logged;
  private long windowStart;
  private long windowSteps;

  @Inject
  MetricsLogging(TrainingSpec training, LoggedValues logged) {
    this.logEvery = training.logEvery();
    this.logged = logged;
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    windowStart = System.nanoTime();
    windowSteps = 0;
  }

  @Override
  public void onStep(StepOutcome outcome) {
    windowSteps++;
    if (!outcome.atCadence(logEvery)) {
      return;
    }
    long now = System.nanoTime();
    Map<String, Double> values = new LinkedHashMap<>(outcome.hostValues());
    values.putAll(outcome.schedules());
    values.put("steps_per_sec", windowSteps / ((now - windowStart) / 1e9));
    windowStart = now;
    windowSteps = 0;
    logged.log(outcome.step(), values);
  }
}
