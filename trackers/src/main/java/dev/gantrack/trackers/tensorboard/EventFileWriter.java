package dev.gantrack.trackers.tensorboard;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one TensorBoard event file, {@code events.out.tfevents.<secs>.<hostname>.<pid>.<n>}, in a
 * run directory: TFRecord-framed {@code tensorboard.Event} protos, encoded by hand (no generated
 * protobuf classes). The first event carries {@code file_version "brain.Event:2"}; every other
 * event has a wall time (seconds since the epoch), a step and a {@code Summary}.
 *
 * <p>What it writes, and how TensorBoard (2.x) reads it:
 *
 * <ul>
 *   <li>{@linkplain #scalars scalars}: {@code Summary.Value.simple_value} (a 32-bit float), shown by
 *       the Scalars dashboard;
 *   <li>{@linkplain #image images}: {@code Summary.Image} with the encoded PNG;
 *   <li>{@linkplain #histogram histograms}: {@code HistogramProto} with equal-width buckets between
 *       the smallest and largest finite value;
 *   <li>{@linkplain #text text}: a {@code DT_STRING} scalar tensor for the {@code text} plugin
 *       (rendered as Markdown);
 *   <li>the {@linkplain #customScalarsLayout custom-scalars layout} ({@code custom_scalars} plugin,
 *       tag {@value #CUSTOM_SCALARS_TAG});
 *   <li>the {@code hparams} plugin's {@linkplain #hparamsSessionStart session start}, {@linkplain
 *       #hparamsExperiment experiment} and {@linkplain #hparamsSessionEnd session end} summaries,
 *       exactly as {@code tensorboard.plugins.hparams.summary_v2} and {@code summary} write them.
 * </ul>
 *
 * <p>The writer never throws into its caller: calls with null arguments are ignored, and the first
 * I/O (or other) error is logged once and the writer disables itself, ignoring everything
 * afterwards. Events are buffered and flushed from the
 * calling thread when {@code flushSeconds} have passed since the last flush, on {@link #flush()}
 * and on {@link #close()}. Methods are synchronized, so a {@code close()} from another thread is
 * safe, but the writer is meant for one thread.
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
  private static final AtomicInteger FILE_COUNTER = new AtomicInteger();

  // tensorboard.DataType
  private static final int DT_FLOAT = 1;
  private static final int DT_STRING = 7;

  /** How a session (run) ended, as {@code tensorboard.hparams.Status}. */
  public enum SessionStatus {
    /** {@code STATUS_UNKNOWN}. */
    UNKNOWN(0),
    /** {@code STATUS_SUCCESS}. */
    SUCCESS(1),
    /** {@code STATUS_FAILURE}. */
    FAILURE(2),
    /** {@code STATUS_RUNNING}. */
    RUNNING(3);

    private final int number;

    SessionStatus(int number) {
      this.number = number;
    }

    /** The enum number on the wire. */
    public int number() {
      return number;
    }
  }

  /**
   * A category of the custom-scalars dashboard.
   *
   * @param title the category's heading
   * @param charts its charts
   */
  public record Category(String title, List<Chart> charts) {
    /** Copies {@code charts}. */
    public Category {
      Objects.requireNonNull(title, "title");
      charts = List.copyOf(charts);
    }
  }

  /**
   * A multiline chart of the custom-scalars dashboard: every scalar whose tag matches one of the
   * regular expressions is drawn in it.
   *
   * @param title the chart's title
   * @param tagRegexes regular expressions over scalar tags
   */
  public record Chart(String title, List<String> tagRegexes) {
    /** Copies {@code tagRegexes}. */
    public Chart {
      Objects.requireNonNull(title, "title");
      tagRegexes = List.copyOf(tagRegexes);
    }
  }

  private final Path directory;
  private final long flushNanos;
  private Path file;
  private OutputStream out;
  private boolean disabled;
  private boolean closed;
  private long lastFlush;

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
    this.flushNanos = (long) Math.min(flushSeconds * 1e9, Long.MAX_VALUE / 2.0);
    try {
      Files.createDirectories(directory);
      long secs = Instant.now().getEpochSecond();
      String name =
          String.format(
              Locale.ROOT,
              "events.out.tfevents.%010d.%s.%d.%d",
              secs,
              hostname(),
              ProcessHandle.current().pid(),
              FILE_COUNTER.getAndIncrement());
      file = directory.resolve(name);
      out =
          new BufferedOutputStream(
              Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              1 << 16);
      lastFlush = System.nanoTime();
      ProtoWriter event = new ProtoWriter().doubleField(1, wallTime()).string(3, FILE_VERSION);
      TfRecord.write(out, event.toByteArray());
      out.flush();
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
  public synchronized void scalars(long step, Map<String, Double> values) {
    if (!isEnabled() || values == null || values.isEmpty()) {
      return;
    }
    try {
      ProtoWriter summary = new ProtoWriter();
      for (Map.Entry<String, Double> e : values.entrySet()) {
        if (e.getKey() == null) {
          continue;
        }
        double v = e.getValue() == null ? Double.NaN : e.getValue();
        summary.message(1, new ProtoWriter().string(1, e.getKey()).floatField(2, (float) v));
      }
      writeSummary(step, summary);
    } catch (IOException | RuntimeException e) {
      fail(e);
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
  public synchronized void image(long step, String tag, byte[] encoded, int width, int height) {
    if (!isEnabled() || tag == null || encoded == null) {
      return;
    }
    try {
      ProtoWriter image =
          new ProtoWriter()
              .varint(1, height)
              .varint(2, width)
              .varint(3, pngColorspace(encoded))
              .bytes(4, encoded);
      writeSummary(step, new ProtoWriter().message(1, new ProtoWriter().string(1, tag).message(4, image)));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /**
   * A distribution at a step ({@code HistogramProto}) with {@value #HISTOGRAM_BUCKETS} equal-width
   * buckets over the finite values; NaN and infinite values are left out. Nothing is written when
   * no value is finite.
   */
  public synchronized void histogram(long step, String tag, float[] values) {
    if (!isEnabled() || tag == null || values == null) {
      return;
    }
    try {
      Histogram h = Histogram.of(values, HISTOGRAM_BUCKETS);
      if (h == null) {
        return;
      }
      ProtoWriter histo =
          new ProtoWriter()
              .doubleField(1, h.min())
              .doubleField(2, h.max())
              .doubleField(3, h.num())
              .doubleField(4, h.sum())
              .doubleField(5, h.sumSquares())
              .packedDoubles(6, h.bucketLimit())
              .packedDoubles(7, h.bucket());
      writeSummary(step, new ProtoWriter().message(1, new ProtoWriter().string(1, tag).message(5, histo)));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Text at a step for the {@code text} plugin, which renders it as Markdown. */
  public synchronized void text(long step, String tag, String markdown) {
    if (!isEnabled() || tag == null || markdown == null) {
      return;
    }
    try {
      ProtoWriter metadata = pluginMetadata("text", new byte[0]);
      ProtoWriter value =
          new ProtoWriter()
              .string(1, tag)
              .message(9, metadata)
              .message(8, stringTensor(markdown.getBytes(StandardCharsets.UTF_8)));
      writeSummary(step, new ProtoWriter().message(1, value));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /**
   * The layout of the custom-scalars dashboard (step 0). TensorBoard merges the layouts of all runs
   * (categories by title, identical charts once), so every run may write the same layout.
   */
  public synchronized void customScalarsLayout(List<Category> categories) {
    if (!isEnabled() || categories == null) {
      return;
    }
    try {
      ProtoWriter layout = new ProtoWriter();
      for (Category c : categories) {
        ProtoWriter category = new ProtoWriter().string(1, c.title());
        for (Chart ch : c.charts()) {
          ProtoWriter multiline = new ProtoWriter();
          for (String regex : ch.tagRegexes()) {
            multiline.string(1, regex);
          }
          category.message(2, new ProtoWriter().string(1, ch.title()).message(2, multiline));
        }
        layout.message(2, category);
      }
      ProtoWriter value =
          new ProtoWriter()
              .string(1, CUSTOM_SCALARS_TAG)
              .message(9, pluginMetadata("custom_scalars", new byte[0]))
              .message(8, stringTensor(layout.toByteArray()));
      writeSummary(0, new ProtoWriter().message(1, value));
    } catch (IOException | RuntimeException e) {
      fail(e);
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
  public synchronized void hparamsSessionStart(
      Map<String, ?> hparams, String groupName, double startTimeSecs) {
    if (!isEnabled() || hparams == null) {
      return;
    }
    try {
      ProtoWriter start = new ProtoWriter();
      for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
        start.message(1, new ProtoWriter().string(1, e.getKey()).message(2, protobufValue(e.getValue())));
      }
      start.stringIfSet(4, groupName).doubleField(5, startTimeSecs);
      writeHparams(HPARAMS_SESSION_START_TAG, new ProtoWriter().message(3, start));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /**
   * The hparams plugin's experiment summary (step 0), as {@code hparams_config(...)} of {@code
   * summary_v2} writes it: which hyperparameters and metrics the HParams dashboard shows as columns.
   * Each hyperparameter's type follows its value; booleans get the domain {false, true}, strings
   * the discrete domain of their value and numbers the interval [value, value] (what TensorBoard
   * would derive from this one run). Metrics are scalar tags of this run directory (group "");
   * the dashboard shows their last values.
   *
   * <p>Where it goes: TensorBoard's hparams plugin takes the experiment summary of whichever run
   * it finds first in its whole logdir (any depth) and uses it for every session (run with a
   * session start) there, so the run directory itself works as well as a parent, and a parent
   * would only add an empty run. With runs whose options differ under one logdir, the columns and
   * filter domains are those of one of them; without any experiment summary TensorBoard derives
   * them from all runs' session starts (union of options, domains over all values, every scalar
   * as a metric).
   *
   * @param hparams name → value, as for {@link #hparamsSessionStart}
   * @param metricTags scalar tags to show as metric columns
   * @param timeCreatedSecs seconds since the epoch
   */
  public synchronized void hparamsExperiment(
      Map<String, ?> hparams, List<String> metricTags, double timeCreatedSecs) {
    if (!isEnabled() || hparams == null || metricTags == null) {
      return;
    }
    try {
      ProtoWriter experiment = new ProtoWriter().doubleField(3, timeCreatedSecs);
      for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
        experiment.message(4, hparamInfo(e.getKey(), e.getValue()));
      }
      for (String tag : metricTags) {
        ProtoWriter name = new ProtoWriter().string(1, "").string(2, tag);
        experiment.message(5, new ProtoWriter().message(1, name));
      }
      writeHparams(HPARAMS_EXPERIMENT_TAG, new ProtoWriter().message(2, experiment));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** The hparams plugin's session end (step 0): how the run ended. */
  public synchronized void hparamsSessionEnd(SessionStatus status, double endTimeSecs) {
    if (!isEnabled() || status == null) {
      return;
    }
    try {
      ProtoWriter end = new ProtoWriter().varint(1, status.number()).doubleField(2, endTimeSecs);
      writeHparams(HPARAMS_SESSION_END_TAG, new ProtoWriter().message(4, end));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Writes buffered events to the file. */
  public synchronized void flush() {
    if (!isEnabled()) {
      return;
    }
    try {
      out.flush();
      lastFlush = System.nanoTime();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Flushes and closes the file; later calls are ignored. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!disabled) {
      try {
        out.close();
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

  // --- encoding ---

  private void writeSummary(long step, ProtoWriter summary) throws IOException {
    ProtoWriter event =
        new ProtoWriter().doubleField(1, wallTime()).varintIfSet(2, step).message(5, summary);
    TfRecord.write(out, event.toByteArray());
    if (System.nanoTime() - lastFlush >= flushNanos) {
      out.flush();
      lastFlush = System.nanoTime();
    }
  }

  private void writeHparams(String tag, ProtoWriter pluginData) throws IOException {
    // HParamsPluginData.version (field 1) is PLUGIN_DATA_VERSION = 0, i.e. left out.
    ProtoWriter value =
        new ProtoWriter()
            .string(1, tag)
            .message(9, pluginMetadata("hparams", pluginData.toByteArray()))
            .message(8, nullTensor());
    writeSummary(0, new ProtoWriter().message(1, value));
  }

  private static ProtoWriter pluginMetadata(String pluginName, byte[] content) {
    ProtoWriter pluginData = new ProtoWriter().string(1, pluginName);
    if (content.length > 0) {
      pluginData.bytes(2, content);
    }
    return new ProtoWriter().message(1, pluginData);
  }

  /** A rank-0 {@code DT_STRING} tensor holding {@code value}. */
  private static ProtoWriter stringTensor(byte[] value) {
    return new ProtoWriter().varint(1, DT_STRING).message(2, new ProtoWriter()).bytes(8, value);
  }

  /** The hparams plugin's {@code NULL_TENSOR}: an empty float vector, shape [0]. */
  private static ProtoWriter nullTensor() {
    ProtoWriter shape = new ProtoWriter().message(2, new ProtoWriter());
    return new ProtoWriter().varint(1, DT_FLOAT).message(2, shape);
  }

  /** A {@code google.protobuf.Value}: number_value = 2, string_value = 3, bool_value = 4. */
  private static ProtoWriter protobufValue(Object v) {
    if (v instanceof Boolean b) {
      return new ProtoWriter().bool(4, b);
    }
    if (v instanceof Number n) {
      return new ProtoWriter().doubleField(2, n.doubleValue());
    }
    return new ProtoWriter().string(3, String.valueOf(v));
  }

  private static ProtoWriter hparamInfo(String name, Object v) {
    // tensorboard.hparams.DataType: STRING = 1, BOOL = 2, FLOAT64 = 3
    ProtoWriter info = new ProtoWriter().string(1, name);
    if (v instanceof Boolean) {
      info.varint(4, 2)
          .message(5, new ProtoWriter()
              .message(1, protobufValue(false))
              .message(1, protobufValue(true)));
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      info.varint(4, 3);
      if (Double.isFinite(d)) {
        info.message(6, new ProtoWriter().doubleField(1, d).doubleField(2, d));
      }
    } else {
      info.varint(4, 1).message(5, new ProtoWriter().message(1, protobufValue(v)));
    }
    return info;
  }

  /** TensorFlow's colour space of a PNG: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; 3 if unknown. */
  static int pngColorspace(byte[] png) {
    // signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4) + depth (1) → colour type
    if (png.length > 25
        && (png[0] & 0xFF) == 0x89
        && png[1] == 'P'
        && png[2] == 'N'
        && png[3] == 'G'
        && png[12] == 'I'
        && png[13] == 'H'
        && png[14] == 'D'
        && png[15] == 'R') {
      switch (png[25]) {
        case 0:
          return 1;
        case 4:
          return 2;
        case 6:
          return 4;
        default:
          return 3; // 2 = RGB, 3 = palette
      }
    }
    return 3;
  }

  private void fail(Exception e) {
    if (!disabled) {
      disabled = true;
      LOG.warn(
          "TensorBoard: cannot write events to {}; TensorBoard logging of this run is off: {}",
          file != null ? file : directory,
          e.toString());
      if (out != null) {
        try {
          out.close();
        } catch (IOException | RuntimeException ignored) {
          // already reported the first failure
        }
      }
    }
  }

  private static double wallTime() {
    Instant now = Instant.now();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }

  private static String hostname() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        h = "localhost";
      }
    }
    h = h.replaceAll("[^A-Za-z0-9._-]", "_");
    return h.isEmpty() ? "localhost" : h;
  }

  /**
   * An equal-width histogram of the finite values of an array, as {@code HistogramProto} holds
   * it: bucket {@code i} counts values in [{@code bucketLimit[i-1]}, {@code bucketLimit[i]}) (the
   * first from {@code min}, the last up to and including {@code max}).
   */
  record Histogram(
      double min, double max, double num, double sum, double sumSquares, double[] bucketLimit, double[] bucket) {

    /** The histogram of {@code values} with {@code buckets} buckets, or null if none is finite. */
    static Histogram of(float[] values, int buckets) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      double sumSquares = 0;
      long n = 0;
      for (float f : values) {
        if (Float.isFinite(f)) {
          n++;
          min = Math.min(min, f);
          max = Math.max(max, f);
          sum += f;
          sumSquares += (double) f * f;
        }
      }
      if (n == 0) {
        return null;
      }
      if (min == max) {
        return new Histogram(min, max, n, sum, sumSquares, new double[] {max}, new double[] {n});
      }
      double width = (max - min) / buckets;
      double[] limits = new double[buckets];
      for (int i = 0; i < buckets - 1; i++) {
        limits[i] = min + (i + 1) * width;
      }
      limits[buckets - 1] = max;
      double[] counts = new double[buckets];
      for (float f : values) {
        if (!Float.isFinite(f)) {
          continue;
        }
        int i = (int) Math.min(buckets - 1, Math.floor((f - min) / width));
        while (i < buckets - 1 && f >= limits[i]) {
          i++;
        }
        while (i > 0 && f < limits[i - 1]) {
          i--;
        }
        counts[i]++;
      }
      return new Histogram(min, max, n, sum, sumSquares, limits, counts);
    }
  }
}
