package dev.gantrack.trackers.tensorboard;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.spec.FileOption;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tracker {@code tensorboard}: writes the run as TensorBoard event files (scalars, sample images,
 * histograms, the resolved experiment as text, a custom-scalars layout and HParams data).
 *
 * <pre>
 * trackers:
 *   - type: tensorboard
 *     logdir: tb            # optional; default: the run folder's tensorboard/
 *     flush-seconds: 2
 *     hparams-metrics: [fid]
 * </pre>
 */
public final class TensorBoardTrackerSpec implements TrackerSpec {
  /** The name in experiment files. */
  public static final String TYPE = "tensorboard";

  /** Metrics always shown as HParams columns. */
  public static final List<String> DEFAULT_HPARAMS_METRICS = List.of("d_loss", "g_loss");

  private final String logdir;
  private final double flushSeconds;
  private final List<String> hparamsMetrics;
  private final boolean hparamsExperiment;

  /**
   * @param logdir TensorBoard log directory shared by runs; null writes each run into its run
   *     folder's {@code tensorboard/}
   * @param flushSeconds seconds between flushes; null for 2
   * @param hparamsMetrics scalar tags shown as HParams metric columns besides d_loss and g_loss;
   *     null for none
   * @param hparamsExperiment whether to write the HParams experiment summary; null for true
   */
  @JsonCreator
  public TensorBoardTrackerSpec(
      @JsonProperty("logdir") String logdir,
      @JsonProperty("flush-seconds") Double flushSeconds,
      @JsonProperty("hparams-metrics") List<String> hparamsMetrics,
      @JsonProperty("hparams-experiment") Boolean hparamsExperiment) {
    if (logdir != null && logdir.isBlank()) {
      throw new InvalidOptionException("logdir", "must not be blank; leave it out for the run folder");
    }
    this.logdir = logdir;
    this.flushSeconds = Checks.range("flush-seconds", flushSeconds, 2.0, 0.0, 3600.0);
    List<String> metrics = new ArrayList<>();
    if (hparamsMetrics != null) {
      for (String m : hparamsMetrics) {
        if (m == null || m.isBlank()) {
          throw new InvalidOptionException("hparams-metrics", "entries must be non-empty metric names");
        }
        if (!metrics.contains(m)) {
          metrics.add(m);
        }
      }
    }
    this.hparamsMetrics = List.copyOf(metrics);
    this.hparamsExperiment = hparamsExperiment == null || hparamsExperiment;
  }

  /** All defaults. */
  public static TensorBoardTrackerSpec defaults() {
    return new TensorBoardTrackerSpec(null, null, null, null);
  }

  /** The shared log directory as written, or null for each run's {@code tensorboard/} folder. */
  @FileOption
  @JsonProperty("logdir")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription(
      "TensorBoard log directory; each run writes to <logdir>/<experiment>/<run id>. Relative paths"
          + " resolve against the experiment file's folder. Default: the run folder's tensorboard/")
  public String logdir() {
    return logdir;
  }

  /** Seconds between flushes of the event file. */
  @JsonProperty("flush-seconds")
  @JsonPropertyDescription("Seconds between flushes of the event file to disk (0 = every event)")
  public double flushSeconds() {
    return flushSeconds;
  }

  /** Extra scalar tags shown as metric columns in the HParams dashboard. */
  @JsonProperty("hparams-metrics")
  @JsonPropertyDescription(
      "Metrics shown as columns of the HParams dashboard (last value) besides d_loss and g_loss")
  public List<String> hparamsMetrics() {
    return hparamsMetrics;
  }

  /** Whether the HParams experiment summary is written. */
  @JsonProperty("hparams-experiment")
  @JsonPropertyDescription(
      "Write the HParams experiment summary (columns: this run's options, d_loss, g_loss and"
          + " hparams-metrics); false lets TensorBoard derive the columns from all runs' options and"
          + " every scalar")
  public boolean hparamsExperiment() {
    return hparamsExperiment;
  }

  /** d_loss, g_loss and {@link #hparamsMetrics()}, without repeats. */
  public List<String> allHparamsMetrics() {
    List<String> all = new ArrayList<>(DEFAULT_HPARAMS_METRICS);
    for (String m : hparamsMetrics) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    return List.copyOf(all);
  }

  @Override
  public Tracker create(RunServices run) {
    Path base = logdir == null ? null : run.get(RunContext.class).plugins().resolve(logdir);
    return new TensorBoardTracker(base, flushSeconds, allHparamsMetrics(), hparamsExperiment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorBoardTrackerSpec s
        && Objects.equals(logdir, s.logdir)
        && flushSeconds == s.flushSeconds
        && hparamsMetrics.equals(s.hparamsMetrics)
        && hparamsExperiment == s.hparamsExperiment;
  }

  @Override
  public int hashCode() {
    return Objects.hash(logdir, flushSeconds, hparamsMetrics, hparamsExperiment);
  }

  @Override
  public String toString() {
    return TYPE
        + "{logdir="
        + logdir
        + ", flush-seconds="
        + flushSeconds
        + ", hparams-metrics="
        + hparamsMetrics
        + ", hparams-experiment="
        + hparamsExperiment
        + "}";
  }
}
