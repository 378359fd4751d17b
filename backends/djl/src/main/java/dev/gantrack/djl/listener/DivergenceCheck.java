package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import java.util.Locale;
import java.util.Map;

/**
 * Ends the run when a logged step's losses are not finite (NaN or infinite): at the logging cadence
 * only, from the values {@link MetricsLogging} already copied to the host, so it costs no sync.
 */
public final class DivergenceCheck implements GanTrainingListener {
  private final int logEvery;

  @Inject
  DivergenceCheck(TrainingSpec training) {
    this.logEvery = training.logEvery();
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (!outcome.atCadence(logEvery)) {
      return;
    }
    Map<String, Double> v = outcome.hostValues();
    if (!Double.isFinite(v.get("d_loss")) || !Double.isFinite(v.get("g_loss"))) {
      throw new DivergedException(String.format(Locale.ROOT,
          "training diverged at step %d: d_loss=%s g_loss=%s (lower the learning rates or try another loss)",
          outcome.step(), v.get("d_loss"), v.get("g_loss")));
    }
  }

  /** Training produced non-finite losses. */
  public static final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
      super(message);
    }
  }
}
