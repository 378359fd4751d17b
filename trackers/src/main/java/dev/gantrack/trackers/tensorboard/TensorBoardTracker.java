package dev.gantrack.trackers.tensorboard;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run as TensorBoard event files through an {@link EventFileWriter}.
 *
 * <ul>
 *   <li>{@link #onTrainingBegin}: opens the event file in {@code <run folder>/tensorboard/} (or
 *       {@code <logdir>/<experiment>/<run id>}) and writes the resolved experiment as text (tag
 *       {@value #EXPERIMENT_TEXT_TAG}, a YAML code block), the custom-scalars layout (category
 *       {@code GAN}, chart {@code losses} with d_loss and g_loss) and the HParams session start
 *       (the run's params, numbers and booleans typed) plus, unless turned off, the HParams
 *       experiment summary in the same run directory (see below);
 *       Every file starts with a {@code SessionLog} START event, as TensorFlow's writers did: at step 0
 *       for a new run; a resumed run ({@link RunInfo#resumed()}) opens a new event file in the same
 *       directory whose START is at the first step after its checkpoint, so TensorBoard's readers drop
 *       what the crashed process wrote after the checkpoint and show each step once (its data provider
 *       purges only at a run's second START); the text, layout and HParams session start are in the
 *       first file already;
 *   <li>{@link #onMetrics}, {@link #onImage}, {@link #onHistogram}: scalars, images, histograms;
 *   <li>{@link #onCheckpoint}: flushes the file, so what precedes a checkpoint survives a crash;
 *   <li>{@link #onWarning}: text at the warning's step under {@code warnings/<tag>};
 *   <li>{@link #onTrainingEnd}: the HParams session end ({@code FINISHED} → {@code
 *       STATUS_SUCCESS}; {@code FAILED} and {@code KILLED} → {@code STATUS_FAILURE}, as
 *       TensorBoard's {@code Status} has no aborted state);
 *   <li>{@link #close}: flushes and closes the file.
 * </ul>
 *
 * <p>Why the experiment summary goes in the run directory: TensorBoard's hparams plugin uses the
 * experiment summary of whichever run it finds first anywhere in its logdir for every session (run
 * with a session start) there, so the run directory serves as well as a parent, which would only
 * add an empty run. Runs with other options under one logdir get that one's columns and filter
 * domains; without any experiment summary TensorBoard derives them from all session starts (union
 * of options, domains over all values, every scalar as a metric).
 *
 * <p>It is called from one thread; it flushes from that thread every {@code flushSeconds}. It
 * never throws: errors are logged once and the tracker stops writing.
 */
public final class TensorBoardTracker implements Tracker {
  /** Tag of the resolved experiment text. */
  public static final String EXPERIMENT_TEXT_TAG = "experiment";

  /** Tag of the metrics' provenance text (implementation, extractor and weight hash, sample counts). */
  public static final String METRIC_PROVENANCE_TEXT_TAG = "metric-provenance";

  /** Prefixes of the provenance tags that say what produced the metric values. */
  static final List<String> METRIC_TAG_PREFIXES = List.of("gantrack.metrics.", "gantrack.feature-extractor.");

  /** The custom-scalars layout every run writes. */
  public static final List<EventFileWriter.Category> LAYOUT =
      List.of(
          new EventFileWriter.Category(
              "GAN",
              List.of(new EventFileWriter.Chart("losses", List.of("^d_loss$", "^g_loss$")))));

  private static final Logger LOG = LoggerFactory.getLogger(TensorBoardTracker.class);

  private final Path logdir;
  private final double flushSeconds;
  private final List<String> hparamsMetrics;
  private final boolean hparamsExperiment;
  private EventFileWriter writer;
  private boolean ended;
  private boolean failed;

  /**
   * @param logdir shared log directory, or null for each run folder's {@code tensorboard/}
   * @param flushSeconds seconds between flushes
   * @param hparamsMetrics scalar tags shown as HParams metric columns
   * @param hparamsExperiment whether to write the HParams experiment summary
   */
  public TensorBoardTracker(
      Path logdir, double flushSeconds, List<String> hparamsMetrics, boolean hparamsExperiment) {
    this.logdir = logdir;
    this.flushSeconds = flushSeconds;
    this.hparamsMetrics = List.copyOf(hparamsMetrics);
    this.hparamsExperiment = hparamsExperiment;
  }

  /** The directory this run's event file is in (null before {@link #onTrainingBegin}). */
  public Path runLogDirectory() {
    return writer == null ? null : writer.directory();
  }

  /** The event file (null before {@link #onTrainingBegin} or if it could not be created). */
  public Path eventFile() {
    return writer == null ? null : writer.file();
  }

  /** Where the event file of {@code run} goes: see {@link TensorBoardTrackerSpec#logdir()}. */
  public static Path runLogDirectory(Path logdir, RunInfo run) {
    return logdir == null
        ? run.runDirectory().resolve("tensorboard")
        : logdir.resolve(pathSegment(run.experimentName())).resolve(pathSegment(run.runId()));
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    if (writer != null || failed) {
      return;
    }
    try {
      writer = new EventFileWriter(runLogDirectory(logdir, run), flushSeconds);
      // every session starts with a SessionLog START: the first marks the start, a later one a restart
      // (TensorBoard's data provider only purges at a second START)
      writer.sessionStart(run.resumedAtStep() + (run.resumed() ? 1 : 0));
      if (run.resumed()) {
        writer.flush();
        return;
      }
      if (run.resolvedExperiment() != null) {
        writer.text(0, EXPERIMENT_TEXT_TAG, yamlBlock(run.resolvedExperiment()));
      }
      String provenance = metricProvenance(run.tags());
      if (!provenance.isEmpty()) {
        writer.text(0, METRIC_PROVENANCE_TEXT_TAG, provenance);
      }
      writer.customScalarsLayout(LAYOUT);
      Map<String, Object> hparams = HParams.of(run.comparedParams());
      double now = now();
      writer.hparamsSessionStart(hparams, HParams.groupName(hparams), now);
      if (hparamsExperiment) {
        writer.hparamsExperiment(hparams, hparamsMetrics, now);
      }
      writer.flush();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    if (writer != null) {
      writer.scalars(step, metrics);
    }
  }

  @Override
  public void onImage(long step, String tag, byte[] png, int width, int height) {
    if (writer != null) {
      writer.image(step, tag, png, width, height);
    }
  }

  @Override
  public void onHistogram(long step, String tag, float[] values) {
    if (writer != null) {
      writer.histogram(step, tag, values);
    }
  }

  /** Tags of warnings' text start with this. */
  public static final String WARNING_TEXT_PREFIX = "warnings/";

  /**
   * A warning as text at its step, under {@code warnings/<tag>} ({@code warnings/health/d-lost}):
   * TensorBoard keeps one kind of data per tag, and the health monitor logs a scalar under the
   * warning's own tag.
   */
  @Override
  public void onWarning(long step, String tag, String message) {
    if (writer != null) {
      writer.text(step, WARNING_TEXT_PREFIX + tag, message);
    }
  }

  @Override
  public void onCheckpoint(long step) {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public void onTrainingEnd(RunStatus status) {
    if (writer == null || ended) {
      return;
    }
    ended = true;
    writer.hparamsSessionEnd(sessionStatus(status), now());
    writer.flush();
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }

  /** The metric provenance tags as a Markdown table (TensorBoard's text plugin renders it), or empty when there are none. */
  static String metricProvenance(Map<String, String> tags) {
    StringBuilder table = new StringBuilder();
    new TreeMap<>(tags).forEach((k, v) -> {
      if (METRIC_TAG_PREFIXES.stream().anyMatch(k::startsWith)) {
        table.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
      }
    });
    return table.isEmpty() ? "" : "| tag | value |\n|---|---|\n" + table;
  }

  /** The hparams status of a run status. */
  static EventFileWriter.SessionStatus sessionStatus(RunStatus status) {
    if (status == null) {
      return EventFileWriter.SessionStatus.UNKNOWN;
    }
    return switch (status) {
      case FINISHED -> EventFileWriter.SessionStatus.SUCCESS;
      case FAILED, KILLED -> EventFileWriter.SessionStatus.FAILURE;
    };
  }

  /** {@code yaml} as a fenced Markdown code block, so the text plugin shows it verbatim. */
  static String yamlBlock(String yaml) {
    String fence = "```";
    while (yaml.contains(fence)) {
      fence += "`";
    }
    return fence + "yaml\n" + yaml + (yaml.endsWith("\n") ? "" : "\n") + fence + "\n";
  }

  /** A name usable as one path segment: separators and control characters become {@code _}. */
  static String pathSegment(String name) {
    String s = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
  }

  private void fail(RuntimeException e) {
    failed = true;
    LOG.warn("TensorBoard: tracker disabled for this run: {}", e.toString());
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
