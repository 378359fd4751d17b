package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gantrack.trackers.TestRunServices;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes two runs with the tracker into one logdir and reads them back with TensorBoard's own
 * readers (tensorboard 2.21 in Python, script {@code tensorboard/read_events.py}): the raw TFRecord
 * stream, the {@code EventAccumulator} and the data provider {@code tensorboard --logdir} serves,
 * together with the hparams, custom-scalars and text plugins' request handlers.
 */
class TensorBoardReaderTest {
  private static final String EXPERIMENT = "ring-gan";
  private static final String RUN_A = EXPERIMENT + "/run-a";
  private static final String RUN_B = EXPERIMENT + "/run-b";
  private static final int STEPS = 100;
  private static final String YAML =
      "name: ring-gan\n# the options\nloss:\n  type: wgan-gp\noptimizer:\n  lr: 0.0002\n"
          + "note: \"a ``` fence and <b>html</b>\"\n";
  private static final int[][] IMAGE_SIZES = {{24, 16}, {32, 32}, {40, 8}};
  private static final int[] IMAGE_TYPES = {
    BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB
  };
  private static final long[] IMAGE_STEPS = {0, 50, 99};
  private static final long[] HISTOGRAM_STEPS = {0, 50, 99};

  @TempDir static Path tmp;

  /** step → tag → value written for run A. */
  private static final Map<Long, Map<String, Double>> SCALARS_A = new TreeMap<>();
  private static final Map<Long, Map<String, Double>> SCALARS_B = new TreeMap<>();
  private static final Map<Long, float[]> HISTOGRAMS = new TreeMap<>();
  private static final List<byte[]> PNGS = new ArrayList<>();
  private static final Map<String, String> PARAMS_A = new LinkedHashMap<>();
  private static final Map<String, String> PARAMS_B = new LinkedHashMap<>();
  private static double startedSecs;
  private static double endedSecs;
  private static JsonNode tb;

  @BeforeAll
  static void writeTwoRunsAndReadThemWithTensorBoard() throws IOException {
    PARAMS_A.put("name", "ring-gan");
    PARAMS_A.put("loss.type", "wgan-gp");
    PARAMS_A.put("optimizer.lr", "0.0002");
    PARAMS_A.put("training.batch-size", "64");
    PARAMS_A.put("spectral-norm.enabled", "true");
    PARAMS_B.putAll(PARAMS_A);
    PARAMS_B.put("loss.type", "hinge");
    PARAMS_B.put("optimizer.lr", "0.0001");
    PARAMS_B.put("spectral-norm.enabled", "false");
    PARAMS_B.put("penalty.weight", "10");

    for (long s = 0; s < STEPS; s++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("d_loss", 1.0 / (s + 1) + 0.123456789);
      m.put("g_loss", Math.sin(s / 7.0) * 3);
      if (s % 10 == 0) {
        m.put("fid", 300.0 - s);
      }
      SCALARS_A.put(s, m);
    }
    SCALARS_A.get(10L).put("d_loss", Double.NaN);
    SCALARS_A.get(20L).put("g_loss", Double.POSITIVE_INFINITY);
    SCALARS_A.get(30L).put("d_loss", Double.NEGATIVE_INFINITY);
    for (long s = 0; s < 5; s++) {
      SCALARS_B.put(s, Map.of("d_loss", 10.0 + s, "g_loss", -1.0 * s));
    }
    Random rnd = new Random(42);
    for (long s : HISTOGRAM_STEPS) {
      float[] v = new float[1000];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (rnd.nextGaussian() * (1 + s / 50.0));
      }
      v[7] = Float.NaN;
      HISTOGRAMS.put(s, v);
    }
    for (int i = 0; i < IMAGE_SIZES.length; i++) {
      PNGS.add(EventFileWriterTest.png(IMAGE_SIZES[i][0], IMAGE_SIZES[i][1], IMAGE_TYPES[i]));
    }

    TensorBoardTrackerSpec spec = new TensorBoardTrackerSpec("tb", 0.5, List.of("fid"), null);
    startedSecs = System.currentTimeMillis() / 1000.0;
    try (Tracker a = spec.create(TestRunServices.at(tmp))) {
      a.onTrainingBegin(new RunInfo("run-a", EXPERIMENT, tmp.resolve("runs/run-a"), PARAMS_A, Map.of("seed", "1"), YAML));
      for (var e : SCALARS_A.entrySet()) {
        a.onMetrics(e.getKey(), e.getValue());
      }
      for (int i = 0; i < PNGS.size(); i++) {
        a.onImage(IMAGE_STEPS[i], "samples", PNGS.get(i), IMAGE_SIZES[i][0], IMAGE_SIZES[i][1]);
      }
      for (var e : HISTOGRAMS.entrySet()) {
        a.onHistogram(e.getKey(), "D/weights/conv0", e.getValue());
      }
      a.onTrainingEnd(RunStatus.FINISHED);
    }
    try (Tracker b = spec.create(TestRunServices.at(tmp))) {
      b.onTrainingBegin(new RunInfo("run-b", EXPERIMENT, tmp.resolve("runs/run-b"), PARAMS_B, Map.of(), YAML));
      for (var e : SCALARS_B.entrySet()) {
        b.onMetrics(e.getKey(), e.getValue());
      }
      b.onTrainingEnd(RunStatus.KILLED);
    }
    endedSecs = System.currentTimeMillis() / 1000.0;

    PythonTool.Result r =
        PythonTool.run(
            PythonTool.resource("tensorboard/read_events.py"),
            Duration.ofMinutes(2),
            tmp.resolve("tb").toString());
    JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    tb = json.readTree(r.stdout());
  }

  private static JsonNode legacy(String run) {
    JsonNode n = tb.path("legacy").path(run);
    assertTrue(n.isObject(), "run " + run + " not read; runs: " + tb.path("legacy").fieldNames());
    return n;
  }

  private static JsonNode provider() {
    return tb.path("provider");
  }

  private static void assertFloatEquals(double written, double read, String where) {
    double expected = (float) written;
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(read), where + ": expected NaN, read " + read);
    } else {
      assertEquals(expected, read, 0.0, where);
    }
  }

  @Test
  void everyRecordHasValidCrcsAndEachFileStartsWithTheFileVersionAndASessionStart() {
    JsonNode records = tb.path("records");
    assertEquals(2, records.size(), records.toString());
    records.fields().forEachRemaining(e -> {
      JsonNode f = e.getValue();
      assertEquals(0, f.path("errors").size(), e.getKey() + ": " + f.path("errors"));
      assertEquals(EventFileWriter.FILE_VERSION, f.path("first").path("file_version").asText());
      assertEquals("file_version", f.path("what").get(0).asText());
      assertEquals("session_log", f.path("what").get(1).asText(), e.getKey() + ": a SessionLog START at step 0");
      assertEquals(0, f.path("steps").get(1).asLong());
      for (int i = 2; i < f.path("what").size(); i++) {
        assertEquals("summary", f.path("what").get(i).asText(), e.getKey() + " record " + i);
      }
      for (JsonNode t : f.path("wall_times")) {
        assertTrue(t.asDouble() >= startedSecs - 1 && t.asDouble() <= endedSecs + 1, "wall time " + t);
      }
    });
    // run A: version, SessionLog START, text, layout, session start, experiment, 100 scalar events,
    // 3 images, 3 histograms, session end
    JsonNode a = records.fields().next().getValue();
    assertEquals(1 + 1 + 4 + STEPS + 3 + 3 + 1, a.path("count").asInt());
  }

  @Test
  void legacyReaderSeesEveryScalarPointExactlyIncludingNaNAndInfinities() {
    JsonNode scalars = legacy(RUN_A).path("scalars");
    assertEquals(Set.of("d_loss", "g_loss", "fid"), fieldNames(scalars));
    assertScalars(SCALARS_A, scalars, true);
    assertScalars(SCALARS_B, legacy(RUN_B).path("scalars"), true);
  }

  @Test
  void dataProviderServesTheSameScalarsToTheScalarsDashboard() {
    JsonNode scalars = provider().path("scalars");
    assertEquals(Set.of(RUN_A, RUN_B), fieldNames(scalars));
    assertScalars(SCALARS_A, scalars.path(RUN_A), true);
    assertScalars(SCALARS_B, scalars.path(RUN_B), true);
  }

  private static void assertScalars(Map<Long, Map<String, Double>> written, JsonNode read, boolean withWallTime) {
    Map<String, List<long[]>> seen = new TreeMap<>();
    for (var step : written.entrySet()) {
      for (var tag : step.getValue().entrySet()) {
        seen.computeIfAbsent(tag.getKey(), k -> new ArrayList<>()).add(new long[] {step.getKey()});
      }
    }
    for (var tag : seen.entrySet()) {
      JsonNode points = read.path(tag.getKey());
      assertEquals(tag.getValue().size(), points.size(), "points of " + tag.getKey());
      int i = 0;
      for (long[] step : tag.getValue()) {
        JsonNode p = points.get(i++);
        assertEquals(step[0], p.get(0).asLong(), tag.getKey() + " step");
        if (withWallTime) {
          double wall = p.get(1).asDouble();
          assertTrue(wall >= startedSecs - 1 && wall <= endedSecs + 1, "wall time " + wall);
        }
        assertFloatEquals(
            written.get(step[0]).get(tag.getKey()), p.get(2).asDouble(), tag.getKey() + "@" + step[0]);
      }
    }
  }

  @Test
  void imagesDecodeAsPngsOfTheWrittenSize() throws IOException {
    JsonNode legacy = legacy(RUN_A).path("images").path("samples");
    JsonNode served = provider().path("images").path(RUN_A).path("samples");
    assertEquals(3, legacy.size());
    assertEquals(3, served.size());
    for (int i = 0; i < 3; i++) {
      for (JsonNode img : List.of(legacy.get(i), served.get(i))) {
        assertEquals(IMAGE_STEPS[i], img.path("step").asLong());
        assertEquals(IMAGE_SIZES[i][0], img.path("width").asInt());
        assertEquals(IMAGE_SIZES[i][1], img.path("height").asInt());
        byte[] png = Base64.getDecoder().decode(img.path("png").asText());
        assertArrayEquals(PNGS.get(i), png);
        assertTrue(ImageIO.getImageReadersByFormatName("png").hasNext());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(decoded, "not a PNG");
        assertEquals(IMAGE_SIZES[i][0], decoded.getWidth());
        assertEquals(IMAGE_SIZES[i][1], decoded.getHeight());
      }
    }
  }

  @Test
  void histogramsKeepCountSumRangeAndBuckets() {
    JsonNode legacy = legacy(RUN_A).path("histograms").path("D/weights/conv0");
    JsonNode served = provider().path("histograms").path(RUN_A).path("D/weights/conv0");
    assertEquals(HISTOGRAMS.size(), legacy.size());
    assertEquals(HISTOGRAMS.size(), served.size());
    int i = 0;
    for (var e : HISTOGRAMS.entrySet()) {
      Histogram h = Histogram.of(e.getValue(), EventFileWriter.HISTOGRAM_BUCKETS);
      JsonNode l = legacy.get(i);
      assertEquals(e.getKey(), l.path("step").asLong());
      assertEquals(999, l.path("num").asDouble(), "NaN left out");
      assertEquals(h.sum(), l.path("sum").asDouble(), 0.0);
      assertEquals(h.sumSquares(), l.path("sum_squares").asDouble(), 0.0);
      assertEquals(h.min(), l.path("min").asDouble(), 0.0);
      assertEquals(h.max(), l.path("max").asDouble(), 0.0);
      assertEquals(EventFileWriter.HISTOGRAM_BUCKETS, l.path("bucket").size());
      double count = 0;
      for (JsonNode c : l.path("bucket")) {
        count += c.asDouble();
      }
      assertEquals(999, count);
      // the data provider's form: [left, right, count] rows from min to max
      JsonNode s = served.get(i);
      assertEquals(e.getKey(), s.path("step").asLong());
      JsonNode rows = s.path("buckets");
      double servedCount = 0;
      for (JsonNode row : rows) {
        assertTrue(row.get(0).asDouble() <= row.get(1).asDouble(), "bucket " + row);
        servedCount += row.get(2).asDouble();
      }
      assertEquals(999, servedCount);
      assertEquals((float) h.min(), rows.get(0).get(0).asDouble(), 0.0);
      assertEquals((float) h.max(), rows.get(rows.size() - 1).get(1).asDouble(), 0.0);
      i++;
    }
  }

  @Test
  void experimentTextIsTheResolvedYamlInACodeBlock() {
    JsonNode text = legacy(RUN_A).path("text").path(TensorBoardTracker.EXPERIMENT_TEXT_TAG);
    assertEquals(1, text.size());
    assertEquals(0, text.get(0).path("step").asLong());
    assertEquals(0, text.get(0).path("shape").size(), "a scalar string tensor");
    String stored = text.get(0).path("value").asText();
    assertEquals(TensorBoardTracker.yamlBlock(YAML), stored);
    assertEquals(YAML, stored.substring(stored.indexOf('\n') + 1, stored.lastIndexOf("````")));
    // the text plugin renders it as one code block, HTML escaped
    String html = provider().path("text_html").path(RUN_A).path("experiment").get(0).asText();
    assertTrue(html.contains("<pre><code"), html);
    assertTrue(html.contains("# the options"), html);
    assertTrue(html.contains("&lt;b&gt;html&lt;/b&gt;"), html);
  }

  @Test
  void customScalarsLayoutChartsBothLossesTogetherOnce() {
    JsonNode layout = legacy(RUN_A).path("custom_scalars_layout");
    assertEquals(1, layout.path("category").size(), layout.toString());
    JsonNode category = layout.path("category").get(0);
    assertEquals("GAN", category.path("title").asText());
    assertEquals(1, category.path("chart").size());
    JsonNode chart = category.path("chart").get(0);
    assertEquals("losses", chart.path("title").asText());
    List<String> regexes = new ArrayList<>();
    chart.path("multiline").path("tag").forEach(t -> regexes.add(t.asText()));
    assertEquals(List.of("^d_loss$", "^g_loss$"), regexes);
    // the dashboard tests each scalar tag against the regexes (JavaScript RegExp.test)
    for (String tag : List.of("d_loss", "g_loss", "fid", "d_loss_real")) {
      long matches = regexes.stream().filter(r -> Pattern.compile(r).matcher(tag).find()).count();
      assertEquals(tag.equals("d_loss") || tag.equals("g_loss") ? 1 : 0, matches, tag);
    }
    // the plugin merges both runs' layouts into the same single chart
    JsonNode merged = provider().path("custom_scalars_layout");
    assertEquals(1, merged.path("category").size(), merged.toString());
    assertEquals(1, merged.path("category").get(0).path("chart").size(), merged.toString());
    assertEquals("losses", merged.path("category").get(0).path("chart").get(0).path("title").asText());
  }

  @Test
  void hparamsSessionStartHoldsTheTypedParams() {
    JsonNode start = legacy(RUN_A).path("hparams").path(EventFileWriter.HPARAMS_SESSION_START_TAG);
    JsonNode hp = start.path("hparams");
    assertEquals(PARAMS_A.keySet(), fieldNames(hp));
    assertEquals("wgan-gp", hp.path("loss.type").asText());
    assertTrue(hp.path("optimizer.lr").isNumber());
    assertEquals(0.0002, hp.path("optimizer.lr").asDouble());
    assertEquals(64.0, hp.path("training.batch-size").asDouble());
    assertTrue(hp.path("spectral-norm.enabled").isBoolean());
    assertTrue(hp.path("spectral-norm.enabled").asBoolean());
    assertEquals(64, start.path("group_name").asText().length());
    double startTime = start.path("start_time_secs").asDouble();
    assertTrue(startTime >= startedSecs - 1 && startTime <= endedSecs + 1, "start " + startTime);
    assertEquals(
        Set.of(
            EventFileWriter.HPARAMS_SESSION_START_TAG,
            EventFileWriter.HPARAMS_EXPERIMENT_TAG,
            EventFileWriter.HPARAMS_SESSION_END_TAG),
        fieldNames(legacy(RUN_A).path("hparams")));
  }

  @Test
  void hparamsSessionEndHoldsTheStatus() {
    JsonNode a = legacy(RUN_A).path("hparams").path(EventFileWriter.HPARAMS_SESSION_END_TAG);
    JsonNode b = legacy(RUN_B).path("hparams").path(EventFileWriter.HPARAMS_SESSION_END_TAG);
    assertEquals("STATUS_SUCCESS", a.path("status").asText());
    assertEquals("STATUS_FAILURE", b.path("status").asText(), "KILLED");
    assertTrue(a.path("end_time_secs").asDouble() >= startedSecs - 1);
  }

  @Test
  void hparamsExperimentListsTheRunsOptionsAndTheFinalMetrics() {
    JsonNode experiment = provider().path("hparams").path("experiment");
    Set<String> metrics = new HashSet<>();
    experiment.path("metric_infos").forEach(m -> metrics.add(m.path("name").path("tag").asText()));
    assertEquals(Set.of("d_loss", "g_loss", "fid"), metrics);
    Map<String, String> types = new TreeMap<>();
    experiment.path("hparam_infos").forEach(h -> types.put(h.path("name").asText(), h.path("type").asText()));
    assertEquals("DATA_TYPE_STRING", types.get("loss.type"));
    assertEquals("DATA_TYPE_FLOAT64", types.get("optimizer.lr"));
    assertEquals("DATA_TYPE_BOOL", types.get("spectral-norm.enabled"));
  }

  @Test
  void hparamsDashboardComparesBothRunsByOptionsAndLastMetricValues() {
    JsonNode groups = provider().path("hparams").path("session_groups").path("session_groups");
    assertEquals(2, groups.size(), groups.toString());
    Map<String, JsonNode> bySession = new TreeMap<>();
    groups.forEach(g -> bySession.put(g.path("sessions").get(0).path("name").asText(), g));
    assertEquals(Set.of(RUN_A, RUN_B), bySession.keySet());

    JsonNode a = bySession.get(RUN_A);
    assertEquals("wgan-gp", a.path("hparams").path("loss.type").asText());
    assertEquals(0.0002, a.path("hparams").path("optimizer.lr").asDouble());
    assertEquals(true, a.path("hparams").path("spectral-norm.enabled").asBoolean());
    assertEquals("STATUS_SUCCESS", a.path("sessions").get(0).path("status").asText());
    assertMetric(a, "d_loss", SCALARS_A.get(99L).get("d_loss"), 99);
    assertMetric(a, "g_loss", SCALARS_A.get(99L).get("g_loss"), 99);
    assertMetric(a, "fid", SCALARS_A.get(90L).get("fid"), 90);

    JsonNode b = bySession.get(RUN_B);
    assertEquals("hinge", b.path("hparams").path("loss.type").asText());
    assertEquals(false, b.path("hparams").path("spectral-norm.enabled").asBoolean());
    assertEquals(10.0, b.path("hparams").path("penalty.weight").asDouble());
    assertEquals("STATUS_FAILURE", b.path("sessions").get(0).path("status").asText());
    assertMetric(b, "d_loss", 14.0, 4);
    assertMetric(b, "g_loss", -4.0, 4);
  }

  private static void assertMetric(JsonNode group, String tag, double expected, long step) {
    for (JsonNode m : group.path("sessions").get(0).path("metric_values")) {
      if (m.path("name").path("tag").asText().equals(tag)) {
        assertFloatEquals(expected, m.path("value").asDouble(), tag);
        assertEquals(step, m.path("training_step").asLong(), tag + " step");
        return;
      }
    }
    throw new AssertionError("no metric " + tag + " in " + group);
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> s = new HashSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
