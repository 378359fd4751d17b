package dev.gantrack.trackers.tensorboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one TensorBoard event file, {@code events.out.tfevents.<secs>.<hostname>.<pid>.<n>}, in a
 * run directory: TFRecord-framed {@code tensorboard.Event} protos, encoded by hand (no generated
 * protobuf classes). The first event carries {@code file_version "brain.Event:2"}; every other
 * event has a wall time (seconds since the epoch), a step and a {@code Summary}.
 *
 * <p>One method per kind of value, each saying how TensorBoard (2.x) reads it: scalars, images,
 * histograms, text, the custom-scalars layout and the {@code hparams} plugin's session start,
 * experiment and session end. {@link Summaries} and {@link HparamsSummaries} encode them as {@code
 * Summary} protos; {@link EventFile} frames them into the file.
 *
 * <p>The writer never throws into its caller: calls with null arguments are ignored, and the first
 * I/O (or other) error is logged once and the writer disables itself, ignoring everything
 * afterwards. Events are buffered and flushed from the calling thread when {@code flushSeconds}
 * have passed since the last flush, on {@link #flush()} and on {@link #close()}. Writes are
 * synchronized, so a {@code close()} from another thread is safe, but the writer is meant for one
 * thread.
 */
public final class EventFileWriter implements AutoCloseable {
  /** The {@code file_version} of the first event. */
  public static final String FILE_VERSION = "brain.Event:2";

  /** Tag of the custom-scalars layout. */
  public static final String CUSTOM_SCALARS_TAG = "custom_scalars__config__";

  /** Tag of the hparams experiment summary. */
  public static final String HPARAMS_EXPERIMENT_TAG = "_hparams_/experiment";

  /** Tag of the hparams session start summary. */
  public static final String HPARAMS_SESSION_START_TAG = "_hparams_/session_start_info";

  /** Tag of the hparams session end summary. */
  public static final String HPARAMS_SESSION_END_TAG = "_hparams_/session_end_info";

  /** Buckets of a histogram written by {@link #histogram}. */
  public static final int HISTOGRAM_BUCKETS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(EventFileWriter.class);

  /** How a session (run) ended: {@code STATUS_<name>} of {@code tensorboard.hparams.Status}. */
  public enum SessionStatus {
    UNKNOWN(0), SUCCESS(1), FAILURE(2), RUNNING(3);

    private final int number;

    SessionStatus(int number) {
      this.number = number;
    }

    /** The enum number on the wire. */
    public int number() {
      return number;
    }
  }

  /** A category of the custom-scalars dashboard: its heading ({@code title}) and its charts. */
  public record Category(String title, List<Chart> charts) {
    public Category {
      Objects.requireNonNull(title, "title");
      charts = List.copyOf(charts);
    }
  }

  /**
   * A multiline chart of the custom-scalars dashboard, with its {@code title}: every scalar whose tag
   * matches one of the regular expressions {@code tagRegexes} is drawn in it.
   */
  public record Chart(String title, List<String> tagRegexes) {
    public Chart {
      Objects.requireNonNull(title, "title");
      tagRegexes = List.copyOf(tagRegexes);
    }
  }

  private final Path directory;
  private Path file;
  private EventFile events;
  private boolean disabled;
  private boolean closed;

  /**
   * Creates {@code directory} if needed and a new event file in it, and writes the file-version
   * event. Failures are logged and leave the writer {@linkplain #isEnabled() disabled}.
   *
   * @param directory the run's log directory (TensorBoard shows its path relative to the logdir as
   *     the run name)
   * @param flushSeconds flush when at least this many seconds have passed since the last flush; 0
   *     flushes after every event
   */
  public EventFileWriter(Path directory, double flushSeconds) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (!(flushSeconds >= 0)) {
      throw new IllegalArgumentException("flushSeconds: " + flushSeconds);
    }
    try {
      Files.createDirectories(directory);
      file = EventFile.newPath(directory);
      events = new EventFile(file, flushSeconds);
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** The event file (null if it could not even be named). */
  public synchronized Path file() {
    return file;
  }

  /** The directory the event file is in. */
  public Path directory() {
    return directory;
  }

  /** False once an error disabled the writer or after {@link #close()}. */
  public synchronized boolean isEnabled() {
    return !disabled && !closed;
  }

  /**
   * Scalars at a step, one event with one {@code simple_value} per entry. TensorBoard stores
   * 32-bit floats: values are rounded to float; NaN and infinities are kept.
   */
  public void scalars(long step, Map<String, Double> values) {
    if (values != null && !values.isEmpty()) {
      write(step, () -> Summaries.scalars(values));
    }
  }

  /** One scalar at a step. */
  public void scalar(long step, String tag, double value) {
    scalars(step, Map.of(tag, value));
  }

  /**
   * An encoded image at a step ({@code Summary.Image}). The colour space is read from the PNG
   * header (grey, grey+alpha, RGB, RGBA), RGB if it is not a PNG.
   */
  public void image(long step, String tag, byte[] encoded, int width, int height) {
    if (tag != null && encoded != null) {
      write(step, () -> Summaries.image(tag, encoded, width, height));
    }
  }

  /**
   * A distribution at a step ({@code HistogramProto}) with {@value #HISTOGRAM_BUCKETS} equal-width
   * buckets over the finite values; NaN and infinite values are left out. Nothing is written when
   * no value is finite.
   */
  public void histogram(long step, String tag, float[] values) {
    if (tag != null && values != null) {
      write(step, () -> Summaries.histogram(tag, values, HISTOGRAM_BUCKETS));
    }
  }

  /** Text at a step for the {@code text} plugin, which renders it as Markdown. */
  public void text(long step, String tag, String markdown) {
    if (tag != null && markdown != null) {
      write(step, () -> Summaries.text(tag, markdown));
    }
  }

  /**
   * The layout of the custom-scalars dashboard (step 0). TensorBoard merges the layouts of all runs
   * (categories by title, identical charts once), so every run may write the same layout.
   */
  public void customScalarsLayout(List<Category> categories) {
    if (categories != null) {
      write(0, () -> Summaries.customScalarsLayout(categories));
    }
  }

  /**
   * The hparams plugin's session start (step 0): this run's hyperparameters, as {@code
   * hparams(...)} of {@code summary_v2} writes them. Values are {@link String}, {@link Boolean} or
   * {@link Number} (stored as a double); anything else is written as its {@code toString()}.
   *
   * @param hparams name → value
   * @param groupName the session group: runs with the same group name are repeats of one trial
   *     (TensorBoard aggregates their metrics); null or empty makes the run its own group
   * @param startTimeSecs seconds since the epoch
   */
  public void hparamsSessionStart(Map<String, ?> hparams, String groupName, double startTimeSecs) {
    if (hparams != null) {
      write(0, () -> HparamsSummaries.sessionStart(hparams, groupName, startTimeSecs));
    }
  }

  /**
   * The hparams plugin's experiment summary (step 0), as {@code hparams_config(...)} of {@code
   * summary_v2} writes it: the hyperparameters and metrics the HParams dashboard shows as columns.
   * Each hyperparameter is typed by its value, with the domain TensorBoard would derive from this
   * one run: {false, true} for booleans, the value for strings, [value, value] for numbers. Metrics
   * are scalar tags of this run directory (group ""), shown with their last values.
   *
   * <p>TensorBoard uses the first experiment summary it finds in a logdir for every run there:
   * {@link TensorBoardTracker} says where it writes it and why.
   *
   * @param hparams name → value, as for {@link #hparamsSessionStart}
   * @param metricTags scalar tags to show as metric columns
   * @param timeCreatedSecs seconds since the epoch
   */
  public void hparamsExperiment(Map<String, ?> hparams, List<String> metricTags, double timeCreatedSecs) {
    if (hparams != null && metricTags != null) {
      write(0, () -> HparamsSummaries.experiment(hparams, metricTags, timeCreatedSecs));
    }
  }

  /** The hparams plugin's session end (step 0): how the run ended. */
  public void hparamsSessionEnd(SessionStatus status, double endTimeSecs) {
    if (status != null) {
      write(0, () -> HparamsSummaries.sessionEnd(status, endTimeSecs));
    }
  }

  /** Writes buffered events to the file. */
  public void flush() {
    guarded(() -> events.flush());
  }

  /** Flushes and closes the file; later calls are ignored. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!disabled) {
      try {
        events.close();
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }
    closed = true;
  }

  @Override
  public String toString() {
    return "EventFileWriter{" + (file != null ? file : directory) + "}";
  }

  /**
   * A run restarted at {@code step} (resumed after a crash): a {@code SessionLog} START event, so
   * TensorBoard's readers forget the earlier files' events from that step on.
   */
  public void sessionStart(long step) {
    guarded(() -> events.appendSessionStart(step));
  }

  /** Appends the event of the summary {@code encoding} gives, if it gives one. */
  private void write(long step, Supplier<ProtoWriter> encoding) {
    guarded(() -> {
      ProtoWriter summary = encoding.get();
      if (summary != null) {
        events.append(step, summary);
      }
    });
  }

  /** Runs {@code action} unless the writer is disabled or closed; its first error disables it. */
  private synchronized void guarded(FileAction action) {
    if (!isEnabled()) {
      return;
    }
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private interface FileAction {
    void run() throws IOException;
  }

  private void fail(Exception e) {
    if (!disabled) {
      disabled = true;
      LOG.warn(
          "TensorBoard: cannot write events to {}; TensorBoard logging of this run is off: {}",
          file != null ? file : directory,
          e.toString());
      if (events != null) {
        events.closeQuietly();
      }
    }
  }
}
