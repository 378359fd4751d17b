package dev.gantrack.experiments.cli;

import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar (the progressbar library's, on the terminal's stderr) for a command's work measured
 * as a fraction done: shown only on a terminal, and only once the work has taken more than a second,
 * so quick commands print nothing extra.
 */
final class ProgressDisplay implements DoubleConsumer, AutoCloseable {
  private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
  private static final int STEPS = 1000;
  private final String task;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();
  private ProgressBar bar;

  ProgressDisplay(String task) {
    this.task = task;
  }

  @Override
  public void accept(double fraction) {
    if (bar == null && terminal && System.nanoTime() - started > SHOW_AFTER_NANOS) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(STEPS).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250).hideEta().build();
    }
    if (bar != null) {
      bar.stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * STEPS));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
