package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.djl.metric.RunMetrics;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The experiment's {@code metrics:} ({@link RunMetrics}), each evaluated every {@code every} steps of
 * its own and at the last, on samples of the run's generator (the EMA copy when there is one); their
 * values go to every tracker (through {@link LoggedValues}, where the health monitor reads them). The
 * metrics and the feature extractor are closed when the run ends.
 */
public final class MetricEvaluation implements GanTrainingListener {
  private final RunMetrics metrics;
  private final LoggedValues logged;

  @Inject
  MetricEvaluation(RunMetrics metrics, LoggedValues logged) {
    this.metrics = metrics;
    this.logged = logged;
  }

  @Override
  public void onStep(StepOutcome outcome) {
    for (int i = 0; i < metrics.size(); i++) {
      if (outcome.atCadence(metrics.every(i))) {
        try {
          logged.log(outcome.step(), metrics.evaluate(i, outcome.step(), false, fraction -> { }));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  public void onTrainingEnd(TrainingProgress progress, RunStatus status) {
    metrics.close();
  }
}
