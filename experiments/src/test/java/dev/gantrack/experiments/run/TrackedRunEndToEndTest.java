package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import dev.gantrack.trackers.mlflow.MlflowServer;
import dev.gantrack.trackers.tensorboard.PythonTool;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real run through {@code gantrack run} with the trackers local, mlflow (a real {@code
 * mlflow server}: SQLite, served artifacts, loopback) and tensorboard, read back the way a user
 * sees it: MLflow's REST API and TensorBoard's own Python reader.
 */
@Tag("slow")
class TrackedRunEndToEndTest {
  private static final String NAME = "ring-e2e";
  private static final int STEPS = 60;

  @TempDir static Path tmp;
  static MlflowServer server;
  static Path runDir;
  static MlflowReadBack mlflow;
  static Map<String, Map<Long, Double>> points;

  @BeforeAll
  static void trainWithLocalMlflowAndTensorBoard() throws Exception {
    server = MlflowServer.in(tmp.resolve("mlflow")).start();
    Path file = EndToEnd.ringExperiment(tmp, NAME, STEPS, 10, 30, server.uri());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String home = System.getProperty("gantrack.home");
    System.setProperty("gantrack.home", TestFiles.repo().toString()); // as the launcher does: git provenance
    int code;
    try {
      code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err),
          "run", file.toString(), "--runs", tmp.resolve("runs").toString());
    } finally {
      if (home == null) {
        System.clearProperty("gantrack.home");
      } else {
        System.setProperty("gantrack.home", home);
      }
    }
    assertEquals(0, code, "stdout:\n" + out + "\nstderr:\n" + err);
    runDir = EndToEnd.runFolder(tmp.resolve("runs"));
    assertNotNull(runDir);
    points = EndToEnd.points(runDir);
    mlflow = MlflowReadBack.of(server.uri(), NAME, runDir.getFileName().toString());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theRunIsInTheExperimentNamedByTheFileAndFinished() {
    assertEquals("FINISHED", mlflow.status());
    assertEquals(runDir.getFileName().toString(), mlflow.tags().get("mlflow.runName"));
  }

  @Test
  void paramsAreTheResolvedExperimentFlattenedToDottedKeys() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    flatten(new YAMLMapper().readTree(runDir.resolve("experiment.yaml").toFile()), "", expected);
    assertEquals(expected, new TreeMap<>(mlflow.params()));
    Map<String, String> params = mlflow.params();
    assertEquals("non-saturating", params.get("loss.type"));
    assertEquals(3.0e-4, Double.parseDouble(params.get("ttur.generator.lr")));
    assertEquals(1.5e-4, Double.parseDouble(params.get("ttur.discriminator.lr")));
    assertEquals(STEPS, Integer.parseInt(params.get("training.steps")));
    assertEquals("mode-coverage", params.get("metrics.0.type"));
  }

  /** An independent flattening: objects by key, lists by index, scalars as their text. */
  private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), prefix + "." + i, out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

  @Test
  void tagsCarryVersionGitCommitConfigHashDeviceAndPluginTypes() throws Exception {
    Map<String, String> tags = mlflow.tags();
    assertEquals(Versions.gantrack(), tags.get("gantrack.version"));
    Process git = new ProcessBuilder("git", "-C", TestFiles.repo().toString(), "rev-parse", "HEAD").start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, git.waitFor());
    assertEquals(head, tags.get("git.commit"));
    assertTrue(tags.get("git.dirty").matches("true|false"), tags.toString());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(runDir.resolve("experiment.yaml"))));
    assertEquals(sha, tags.get("gantrack.config_hash"), "sha-256 of the resolved file");
    assertEquals("cpu", tags.get("gantrack.device"));
    assertTrue(tags.get("gantrack.engine").contains("PyTorch"), tags.get("gantrack.engine"));
    assertTrue(tags.get("gantrack.plugin.generator").startsWith("mlp = "), tags.toString());
    assertTrue(tags.get("gantrack.plugin.loss").startsWith("non-saturating = "), tags.toString());
    assertTrue(tags.get("gantrack.plugin.dataset").startsWith("ring = "), tags.toString());
    assertTrue(tags.get("gantrack.plugin.metrics.0").startsWith("mode-coverage = "), tags.toString());
    assertTrue(tags.get("gantrack.plugin.trackers.1").startsWith("mlflow = "), tags.toString());
  }

  @Test
  void everyMetricPointOfMetricsJsonlIsInMlflowExactlyOnce() throws Exception {
    assertTrue(points.keySet().containsAll(List.of("d_loss", "g_loss", "d_real", "d_fake", "lr_g", "lr_d",
        "steps_per_sec", "modes_captured", "high_quality_pct", "reverse_kl")), points.keySet().toString());
    assertEquals(STEPS / 10, points.get("d_loss").size(), "logged every 10 of " + STEPS + " steps");
    assertEquals(List.of(30L, 60L), List.copyOf(points.get("modes_captured").keySet()));
    EndToEnd.assertExactlyOnce(points, mlflow);
  }

  /**
   * The steps the balance rule of {@link EndToEnd#ringExperiment} warns at, from metrics.jsonl: each
   * logged d_loss more than 1 % off ln 2 that follows one within it (or is the first).
   */
  private static List<Long> expectedBalanceWarnings() {
    List<Long> out = new ArrayList<>();
    boolean warned = false;
    for (Map.Entry<Long, Double> e : points.get("d_loss").entrySet()) {
      boolean off = Math.abs(e.getValue() - Math.log(2)) > 0.01 * Math.log(2);
      if (off && !warned) {
        out.add(e.getKey());
      }
      warned = off;
    }
    return out;
  }

  private static List<JsonNode> warnings() throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("warnings.jsonl"))) {
      rows.add(JsonMapper.builder().build().readTree(line));
    }
    return rows;
  }

  @Test
  void healthWarningsAreInTheRunFolderAndTheLatestIsAnMlflowTag() throws Exception {
    List<Long> expected = expectedBalanceWarnings();
    assertFalse(expected.isEmpty(), "the rule warns at least once: " + points.get("d_loss"));
    List<JsonNode> warnings = warnings();
    assertEquals(expected, warnings.stream().map(w -> w.get("step").asLong()).toList());
    for (JsonNode w : warnings) {
      assertEquals("health/balance", w.get("tag").asText());
      assertTrue(w.get("message").asText().startsWith("step " + w.get("step").asLong() + ": balance: the median d_loss"),
          w.toString());
      assertEquals(1.0, points.get("health/balance").get(w.get("step").asLong()), "the metric marks the warning");
    }
    assertEquals(warnings.get(warnings.size() - 1).get("message").asText(), mlflow.tags().get("health/balance"));
    assertArrayEquals(Files.readAllBytes(runDir.resolve("warnings.jsonl")), mlflow.download("warnings.jsonl"));
  }

  @Test
  void artifactsDownloadThroughTheProxyByteEqualToTheRunFolder() throws Exception {
    List<String> files = mlflow.artifactFiles("");
    List<String> expected = new ArrayList<>(List.of("experiment.yaml", "metrics.jsonl", "checkpoints/G-final.params"));
    try (Stream<Path> s = Files.list(runDir.resolve("samples"))) {
      s.sorted().forEach(p -> expected.add("samples/" + p.getFileName()));
    }
    assertTrue(expected.contains("samples/step-000030.png") && expected.contains("samples/step-000060.png")
        && expected.contains("samples/step-000060.csv"), expected.toString());
    assertTrue(files.containsAll(expected), "artifacts " + files + " must hold " + expected);
    assertEquals(expected.stream().filter(f -> f.startsWith("samples/")).sorted().toList(),
        files.stream().filter(f -> f.startsWith("samples/")).sorted().toList(), "each sample file once, under its run-folder name");
    for (String path : expected) {
      assertArrayEquals(Files.readAllBytes(runDir.resolve(path)), mlflow.download(path), path);
    }
  }

  @Test
  void tensorBoardsOwnReaderSeesScalarsImagesHistogramsHparamsAndTheResolvedFile() throws Exception {
    Path script = EndToEnd.resourceFile("tensorboard/read_events.py", tmp.resolve("py"));
    PythonTool.Result r = PythonTool.run(script, Duration.ofMinutes(2), runDir.resolve("tensorboard").toString());
    JsonNode tb = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(r.stdout());
    assertEquals(1, tb.path("legacy").size(), "one TensorBoard run: " + tb.path("legacy").fieldNames());
    JsonNode legacy = tb.path("legacy").elements().next();
    for (JsonNode file : tb.path("records")) {
      assertEquals(0, file.path("errors").size(), file.path("errors").toString());
    }

    // scalars: every point of metrics.jsonl, as float32 (TensorBoard's simple_value), nothing else
    JsonNode scalars = legacy.path("scalars");
    java.util.Set<String> tags = new java.util.TreeSet<>();
    scalars.fieldNames().forEachRemaining(tags::add);
    assertEquals(points.keySet(), tags);
    for (Map.Entry<String, Map<Long, Double>> e : points.entrySet()) {
      Map<Long, Float> seen = new TreeMap<>();
      for (JsonNode p : scalars.path(e.getKey())) {
        assertEquals(null, seen.put(p.get(0).asLong(), (float) p.get(2).asDouble()), e.getKey() + " twice at " + p.get(0));
      }
      Map<Long, Float> want = new TreeMap<>();
      e.getValue().forEach((step, v) -> want.put(step, (float) (double) v));
      assertEquals(want, seen, "TensorBoard scalars of " + e.getKey());
    }

    // images: the sample PNGs, decodable, of the size they say, byte-equal to the run folder's
    JsonNode images = legacy.path("images").path("samples");
    assertEquals(2, images.size(), images.toString().substring(0, Math.min(200, images.toString().length())));
    for (JsonNode img : images) {
      byte[] png = Base64.getDecoder().decode(img.path("png").asText());
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(decoded, "PNG at step " + img.path("step"));
      assertEquals(img.path("width").asInt(), decoded.getWidth());
      assertEquals(img.path("height").asInt(), decoded.getHeight());
      Path file = runDir.resolve(String.format("samples/step-%06d.png", img.path("step").asLong()));
      assertArrayEquals(Files.readAllBytes(file), png, file.toString());
    }

    assertFalse(legacy.path("histograms").isEmpty(), "weight histograms (histogram-every 30)");
    List<String> histogramTags = new ArrayList<>();
    legacy.path("histograms").fieldNames().forEachRemaining(histogramTags::add);
    for (String prefix : List.of("G/weights/", "D/weights/", "G/gradients/", "D/gradients/")) {
      assertTrue(histogramTags.stream().anyMatch(t -> t.startsWith(prefix)), prefix + " in " + histogramTags);
    }

    // HParams: session start with the flattened options, session end, experiment summary
    JsonNode hparams = legacy.path("hparams");
    JsonNode start = hparams.path("_hparams_/session_start_info");
    assertEquals("non-saturating", start.at("/hparams/loss.type").asText(), start.toString());
    assertEquals(STEPS, start.at("/hparams/training.steps").asInt(), start.toString());
    assertEquals("STATUS_SUCCESS", hparams.at("/_hparams_~1session_end_info/status").asText(), hparams.toString());
    assertTrue(hparams.has("_hparams_/experiment"), hparams.fieldNames().toString());
    assertEquals(1, tb.at("/provider/hparams/session_groups/session_groups").size(), "one session group");

    // the resolved file as text
    String text = legacy.at("/text/experiment/0/value").asText();
    assertTrue(text.contains(Files.readString(runDir.resolve("experiment.yaml"))), text);

    // health warnings as text at their steps, beside their scalar (a tag holds one kind of data)
    List<String> seen = new ArrayList<>();
    legacy.at("/text/warnings~1health~1balance").forEach(t -> seen.add(t.path("step").asLong() + " " + t.path("value").asText()));
    List<String> want = new ArrayList<>();
    for (JsonNode w : warnings()) {
      want.add(w.get("step").asLong() + " " + w.get("message").asText());
    }
    assertEquals(want, seen);
  }
}
