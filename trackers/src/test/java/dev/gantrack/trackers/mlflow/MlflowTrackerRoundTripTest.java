package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run against a real MLflow server, read back through its REST API. */
@Tag("slow")
class MlflowTrackerRoundTripTest {
  @TempDir static Path serverDir;
  @TempDir Path runs;

  static MlflowServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = MlflowServer.in(serverDir).start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyParamTagMetricPointAndArtifactArrivesExactlyOnceAndTheRunIsFinished() throws Exception {
    Path runDir = Files.createDirectories(runs.resolve("run-1"));
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      params.put(String.format("generator.layers.%03d.width", i), Integer.toString(64 + i));
    }
    String illegal = "loss.weights[0]:g*";
    String tooLong = "penalty." + "x".repeat(300);
    String bigValueKey = "dataset.files";
    String bigValue = "f".repeat(7000) + "-end";
    params.put(illegal, "0.5");
    params.put(tooLong, "long key");
    params.put(bigValueKey, bigValue);
    Map<String, String> tags = Map.of(
        "gantrack.version", "0.1.0-SNAPSHOT",
        "device", "cpu",
        "plugin.jar:dcgan", "plugins/dcgan.jar");
    RunInfo info = new RunInfo("run-1", "roundtrip", runDir, params, tags, "name: roundtrip\n");
    List<String> warnings = new CopyOnWriteArrayList<>();
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(server.uri(), null, null, null, 2, Map.of());

    List<String> keys = List.of("d_loss", "g_loss", "d_real", "lr_d", "D/weights:conv0");
    Recorded recorded = new Recorded();
    Random random = new Random(1);
    byte[] png1 = new byte[20_000];
    byte[] png2 = new byte[35_000];
    random.nextBytes(png1);
    random.nextBytes(png2);
    Path notes = Files.writeString(runDir.resolve("notes.txt"), "resolved: yes\nü → ok\n");

    long started;
    long delivered;
    MlflowTracker tracker = new MlflowTracker(spec, Map.of(), warnings::add, MlflowTracker.CLOSE_WAIT);
    try {
      tracker.onTrainingBegin(info);
      started = System.nanoTime();
      for (long step = 0; step < 500; step++) {
        recorded.log(tracker, step, Recorded.scalars(step, keys));
      }
      long appended = System.nanoTime();
      tracker.onImage(100, "samples", png1, 64, 64);
      tracker.onImage(200, "samples", png2, 64, 64);
      tracker.onArtifact(notes, "notes/notes.txt");
      tracker.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(60)), "delivered; failure: " + tracker.failure());
      delivered = System.nanoTime();
      System.out.printf("mlflow: 2,500 points appended in %.1f ms; whole run delivered %.0f ms after the first"
              + " point (%d requests; %d metric batches took %.0f ms; %d param/tag batches)%n",
          (appended - started) / 1e6, (delivered - started) / 1e6, tracker.stats().requests,
          tracker.stats().metricBatches, tracker.stats().metricNanos / 1e6, tracker.stats().paramTagBatches);
      assertTrue(tracker.stats().metricBatches >= 3, "2,500 points need at least 3 batches of <= 1000");
      assertTrue(tracker.stats().paramTagBatches >= 3, "253 params need at least 3 batches of <= 100");
    } finally {
      tracker.close();
    }
    assertEquals(List.of(), warnings);
    assertEquals(2500, recorded.count());

    MlflowReadBack run = MlflowReadBack.of(server.uri(), "roundtrip", "run-1");
    assertEquals("FINISHED", run.status());
    assertTrue(run.endTime() > 0);

    // the key map says where renamed keys went
    JsonNode keyMap = Spool.JSON.readTree(run.download(ArtifactUpload.KEY_MAP));
    Map<String, String> paramKey = toMap(keyMap.path("params"));
    Map<String, String> metricKey = toMap(keyMap.path("metrics"));
    Map<String, String> tagKey = toMap(keyMap.path("tags"));
    assertEquals(2, paramKey.size(), "renamed params: " + paramKey);
    assertEquals("loss.weights_0__g_", paramKey.get(illegal));
    assertTrue(paramKey.get(tooLong).length() <= 250 && paramKey.get(tooLong).startsWith("penalty.xxx"));
    assertEquals("D/weights_conv0", metricKey.get("D/weights:conv0"));
    assertEquals("plugin.jar_dcgan", tagKey.get("plugin.jar:dcgan"));
    assertEquals(Spool.JSON.writeValueAsString(keyMap), Spool.JSON.writeValueAsString(
        Spool.JSON.readTree(run.tags().get("gantrack.key-map"))), "the key map is a tag as well");

    // params: every one, under its MLflow key, the long value cut with a note
    Map<String, String> got = run.params();
    assertEquals(params.size(), got.size());
    for (Map.Entry<String, String> p : params.entrySet()) {
      String key = paramKey.getOrDefault(p.getKey(), p.getKey());
      assertTrue(MlflowKeys.isValid(key), key);
      if (p.getKey().equals(bigValueKey)) {
        String v = got.get(key);
        assertEquals(6000, v.codePointCount(0, v.length()));
        assertTrue(v.startsWith("ffff") && v.contains("7004 characters"), v.substring(5900));
      } else {
        assertEquals(p.getValue(), got.get(key), "param " + p.getKey());
      }
    }

    // tags: the run's, plus MLflow's own
    Map<String, String> gotTags = run.tags();
    tags.forEach((k, v) -> assertEquals(v, gotTags.get(tagKey.getOrDefault(k, k)), "tag " + k));
    assertEquals("run-1", gotTags.get("mlflow.runName"));
    assertEquals("gantrack", gotTags.get("mlflow.source.name"));
    assertEquals("run-1", gotTags.get("gantrack.run-id"));

    recorded.assertExactlyOnce(run, metricKey);

    // artifacts, byte for byte
    assertEquals(List.of("samples/step-000100.png", "samples/step-000200.png"),
        run.artifactFiles("samples"));
    assertArrayEquals(png1, run.download("samples/step-000100.png"));
    assertArrayEquals(png2, run.download("samples/step-000200.png"));
    assertArrayEquals(Files.readAllBytes(notes), run.download("notes/notes.txt"));
    try (Stream<Path> blobs = Files.list(runDir.resolve("mlflow-spool/blobs"))) {
      assertEquals(0, blobs.count(), "uploaded images are removed from the spool");
    }
  }

  @Test
  void aRunThatLogsEveryFewMillisecondsReachesTheServerInFewLargeBatchesExactlyOnce() throws Exception {
    Path runDir = Files.createDirectories(runs.resolve("run-often"));
    RunInfo info = new RunInfo("run-often", "often", runDir, Map.of("training.log-every", "1"), Map.of(),
        "name: often\n");
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(server.uri(), null, null, null, 2, Map.of());
    List<String> keys = List.of("d_loss", "g_loss", "d_real", "d_fake", "lr_g", "lr_d", "steps_per_sec");
    Recorded recorded = new Recorded();
    List<String> warnings = new CopyOnWriteArrayList<>();
    int logged = 0;
    long began = System.nanoTime();
    MlflowTracker tracker = new MlflowTracker(spec, Map.of(), warnings::add, MlflowTracker.CLOSE_WAIT);
    try {
      tracker.onTrainingBegin(info);
      // a tiny model logging every step: 7 metrics every 2 ms for 7 s
      while (System.nanoTime() - began < 7_000_000_000L) {
        recorded.log(tracker, logged, Recorded.scalars(logged, keys));
        logged++;
        Thread.sleep(2);
      }
      tracker.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(60)), "delivered; failure: " + tracker.failure());
    } finally {
      tracker.close();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long batches = tracker.stats().metricBatches;
    System.out.printf("mlflow: %d points of %d logged steps in %.1f s reached the server in %d log-batch calls"
        + " (%d requests in all)%n", recorded.count(), logged, seconds, batches, tracker.stats().requests);
    assertEquals(List.of(), warnings);
    // a call when 1,000 points wait or every 3 s, whichever first (+1 at the start, +1 at the end)
    long allowed = recorded.count() / 1000 + (long) Math.ceil(seconds / (MetricBatching.INTERVAL_MS / 1000.0)) + 2;
    assertTrue(batches <= allowed, batches + " log-batch calls for " + recorded.count() + " points in " + seconds
        + " s; at most " + allowed + " expected");
    assertTrue(logged >= 10 * batches, logged + " logged steps went in " + batches + " calls: not one call per step");
    MlflowReadBack run = MlflowReadBack.of(server.uri(), "often", "run-often");
    assertEquals("FINISHED", run.status());
    recorded.assertExactlyOnce(run, Map.of());
  }

  @Test
  void aTrackingTokenIsSentButAppearsInNoParamTagOrSpoolFile() throws Exception {
    String token = "tok-SECRET-" + Long.toHexString(new Random().nextLong());
    Path runDir = Files.createDirectories(runs.resolve("run-secret"));
    Map<String, String> env = Map.of("MLFLOW_TRACKING_TOKEN", token);
    Map<String, String> params = Map.of(
        "training.steps", "10",
        "debug.header", "Authorization: Bearer " + token);
    Map<String, String> tags = Map.of("env.copy", "MLFLOW_TRACKING_TOKEN=" + token);
    RunInfo info = new RunInfo("run-secret", "secrets", runDir, params, tags, "name: secrets\n");
    MlflowTrackerSpec spec = MlflowTrackerSpec.of(server.uri(), null, null, null, 1, env);
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (MlflowTracker tracker = new MlflowTracker(spec, env, warnings::add, MlflowTracker.CLOSE_WAIT)) {
      tracker.onTrainingBegin(info);
      tracker.onMetrics(1, Map.of("d_loss", 1.0));
      tracker.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(30)), "delivered; failure: " + tracker.failure());
    }
    assertEquals(List.of(), warnings);

    MlflowReadBack run = MlflowReadBack.of(server.uri(), "secrets", "run-secret");
    assertEquals("Authorization: Bearer ***", run.params().get("debug.header"));
    assertEquals("MLFLOW_TRACKING_TOKEN=***", run.tags().get("env.copy"));
    List<String> leaks = new ArrayList<>();
    run.params().forEach((k, v) -> {
      if ((k + v).contains(token)) {
        leaks.add("param " + k);
      }
    });
    run.tags().forEach((k, v) -> {
      if ((k + v).contains(token)) {
        leaks.add("tag " + k);
      }
    });
    try (Stream<Path> files = Files.walk(runDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(token)) {
          leaks.add("file " + runDir.relativize(f));
        }
      }
    }
    assertEquals(List.of(), leaks, "where the token leaked");
    assertNotNull(run.params().get("training.steps"));
    assertFalse(Files.readString(runDir.resolve("mlflow-spool/spool.jsonl")).isEmpty());
  }

  private static Map<String, String> toMap(JsonNode obj) {
    Map<String, String> m = new LinkedHashMap<>();
    obj.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
    return m;
  }
}
