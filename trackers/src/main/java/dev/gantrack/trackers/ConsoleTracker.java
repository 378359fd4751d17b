package dev.gantrack.trackers;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows the run on the terminal: a progress bar with losses, or one line per logged step. */
final class ConsoleTracker implements Tracker {
  private final boolean bar;
  private final PrintStream out;
  private ProgressBar progress;
  private long total;
  private long lastStep;
  private long firstStep;
  private Map<String, Double> last = Map.of();
  private final long started = System.nanoTime();

  ConsoleTracker(boolean bar, PrintStream out) {
    this.bar = bar;
    this.out = out;
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    total = Long.parseLong(run.params().getOrDefault("training.steps", "0"));
    firstStep = run.resumedAtStep();
    lastStep = firstStep;
    out.printf(Locale.ROOT, "gantrack: %s -> %s%s%n", run.experimentName(), run.runDirectory(),
        run.resumed() ? " (resumed after step " + firstStep + ")" : "");
    out.printf(Locale.ROOT, "  device %s, seed %s, %s vs %s, loss %s, %d steps%n",
        run.tags().getOrDefault("gantrack.device", "?"), run.params().getOrDefault("seed", "?"),
        run.params().getOrDefault("generator.type", "?"), run.params().getOrDefault("discriminator.type", "?"),
        run.params().getOrDefault("loss.type", "?"), total);
    if (bar) {
      progress = new ProgressBarBuilder().setTaskName("training").setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().startsFrom(firstStep, Duration.ZERO)
          .build();
    }
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    if (metrics.containsKey("d_loss")) {
      last = metrics;
    }
    String text = describe(metrics);
    if (progress != null) {
      progress.stepTo(step);
      progress.setExtraMessage(describe(last));
      if (!metrics.containsKey("d_loss")) {
        out.println();
        out.printf(Locale.ROOT, "  step %d: %s%n", step, text);
      }
    } else {
      double secs = (System.nanoTime() - started) / 1e9;
      double eta = step > firstStep ? secs / (step - firstStep) * (total - step) : 0;
      out.printf(Locale.ROOT, "  step %6d/%d  %s  eta %s%n", step, total, text, duration(eta));
    }
    lastStep = step;
  }

  private static String describe(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : m.entrySet()) {
      if (e.getKey().startsWith("lr_")) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append(' ')
          .append(String.format(Locale.ROOT, Math.abs(e.getValue()) >= 100 ? "%.0f" : "%.3f", e.getValue()));
    }
    return sb.toString();
  }

  private static String duration(double secs) {
    long s = Math.round(secs);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void onTrainingEnd(RunStatus status) {
    if (progress != null) {
      progress.stepTo(lastStep);
      progress.close();
      progress = null;
    }
    out.printf(Locale.ROOT, "gantrack: run %s after %d steps in %s%n", status.name().toLowerCase(Locale.ROOT),
        lastStep, duration((System.nanoTime() - started) / 1e9) + (firstStep > 0 ? " (this process: steps "
            + (firstStep + 1) + "-" + lastStep + ")" : ""));
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.close();
    }
  }
}
