package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes away and comes back (same port, same store): nothing is lost, nothing arrives
 * twice, training never waits.
 */
@Tag("slow")
class MlflowTrackerOutageTest {
  private static final List<String> KEYS = List.of("d_loss", "g_loss", "d_real");

  @TempDir static Path serverDir;
  @TempDir Path runs;

  static MlflowServer server;

  @BeforeAll
  static void createServer() throws Exception {
    server = MlflowServer.in(serverDir); // not started: each test decides
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private MlflowTrackerSpec spec() {
    return MlflowTrackerSpec.of(server.uri(), "outages", null, null, 1, Map.of());
  }

  private RunInfo run(String id) throws Exception {
    Path dir = Files.createDirectories(runs.resolve(id));
    return new RunInfo(id, "outages", dir, Map.of("training.steps", "300"), Map.of("device", "cpu"), "");
  }

  @Test
  void aServerThatIsDownAtStartGetsTheWholeRunWhenItComesUp() throws Exception {
    server.stop();
    RunInfo info = run("down-at-start");
    Recorded recorded = new Recorded();
    List<String> warnings = new CopyOnWriteArrayList<>();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    try (MlflowTracker tracker = new MlflowTracker(spec(), Map.of(), warnings::add, MlflowTracker.CLOSE_WAIT)) {
      long t0 = System.nanoTime();
      tracker.onTrainingBegin(info);
      for (long step = 0; step < 300; step++) {
        recorded.log(tracker, step, Recorded.scalars(step, KEYS));
      }
      tracker.onImage(299, "samples", png, 8, 8);
      long spent = System.nanoTime() - t0;
      assertTrue(spent < 2_000_000_000L, "recording with the server down took " + spent / 1e6 + " ms");
      Thread.sleep(1500);
      assertEquals(0, tracker.stats().metricsSent);
      assertTrue(Files.size(info.runDirectory().resolve("mlflow-spool/spool.jsonl")) > 10_000, "spooled");

      server.start();
      for (long step = 300; step < 400; step++) {
        recorded.log(tracker, step, Recorded.scalars(step, KEYS));
      }
      tracker.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(60)), "delivered; failure: " + tracker.failure());
    }
    assertEquals(List.of(), warnings);
    MlflowReadBack back = MlflowReadBack.of(server.uri(), "outages", "down-at-start");
    assertEquals("FINISHED", back.status());
    assertEquals("300", back.params().get("training.steps"));
    recorded.assertExactlyOnce(back, Map.of());
    assertArrayEquals(png, back.download("samples/step-000299.png"));
  }

  @Test
  void aServerKilledMidRunAndRestartedGetsEveryPointExactlyOnce() throws Exception {
    server.start();
    RunInfo info = run("killed-mid-run");
    Recorded recorded = new Recorded();
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (MlflowTracker tracker = new MlflowTracker(spec(), Map.of(), warnings::add, MlflowTracker.CLOSE_WAIT)) {
      tracker.onTrainingBegin(info);
      for (long step = 0; step < 200; step++) {
        recorded.log(tracker, step, Recorded.scalars(step, KEYS));
      }
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(30)), "first part delivered");

      // keep training while the server dies, so that it dies with batches in flight
      AtomicBoolean training = new AtomicBoolean(true);
      long[] step = {200};
      Thread trainer = new Thread(() -> {
        while (training.get()) {
          synchronized (recorded) {
            recorded.log(tracker, step[0]++, Recorded.scalars(step[0], KEYS));
          }
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      trainer.start();
      Thread.sleep(700);
      server.kill();
      Thread.sleep(1500);
      training.set(false);
      trainer.join();
      assertTrue(tracker.stats().requests > 0);

      server.start();
      synchronized (recorded) {
        for (long s = step[0]; s < step[0] + 100; s++) {
          recorded.log(tracker, s, Recorded.scalars(s, KEYS));
        }
      }
      tracker.onTrainingEnd(RunStatus.FINISHED);
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(60)), "delivered; failure: " + tracker.failure());
      System.out.printf("mlflow: killed mid-run: %d points, %d requests, %d points found on the server when"
          + " re-checking a batch%n", recorded.count(), tracker.stats().requests, tracker.stats().metricsAlreadyThere);
    }
    assertEquals(List.of(), warnings);
    MlflowReadBack back = MlflowReadBack.of(server.uri(), "outages", "killed-mid-run");
    assertEquals("FINISHED", back.status());
    recorded.assertExactlyOnce(back, Map.of());
  }

  @Test
  void closeWithTheServerDownLeavesASpoolThatSyncDeliversOnceAndASecondSyncLeavesAlone() throws Exception {
    server.stop();
    RunInfo info = run("sync-later");
    Recorded recorded = new Recorded();
    List<String> warnings = new CopyOnWriteArrayList<>();
    Path notes = Files.writeString(info.runDirectory().resolve("notes.txt"), "later\n");
    MlflowTracker tracker = new MlflowTracker(spec(), Map.of(), warnings::add, Duration.ofSeconds(1));
    tracker.onTrainingBegin(info);
    for (long step = 0; step < 400; step++) {
      recorded.log(tracker, step, Recorded.scalars(step, KEYS));
    }
    tracker.onArtifact(notes, "notes.txt");
    tracker.onTrainingEnd(RunStatus.KILLED);
    long t0 = System.nanoTime();
    tracker.close();
    long closing = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(closing < 4000, "close took " + closing + " ms");
    assertEquals(1, warnings.size(), "one warning: " + warnings);
    assertTrue(warnings.get(0).contains("gantrack sync " + info.runDirectory()), warnings.get(0));
    assertTrue(Files.exists(info.runDirectory().resolve("mlflow-spool/spool.jsonl")));

    server.start();
    MlflowSync.Result first = MlflowSync.sync(info.runDirectory(), Map.of(), Duration.ofSeconds(30));
    assertTrue(first.complete(), first.summary());
    assertEquals(recorded.count(), first.metricsSent());
    MlflowReadBack back = MlflowReadBack.of(server.uri(), "outages", "sync-later");
    assertEquals("KILLED", back.status());
    recorded.assertExactlyOnce(back, Map.of());
    assertArrayEquals(Files.readAllBytes(notes), back.download("notes.txt"));

    MlflowSync.Result second = MlflowSync.sync(info.runDirectory(), Map.of(), Duration.ofSeconds(30));
    assertTrue(second.complete(), second.summary());
    assertEquals(0, second.delivered());
    assertEquals(0, second.metricsSent());
    recorded.assertExactlyOnce(MlflowReadBack.of(server.uri(), "outages", "sync-later"), Map.of());
  }

  @Test
  void aBatchWhoseDeliveryWasNotConfirmedIsCheckedAgainstTheServerAndNotSentAgain() throws Exception {
    server.start();
    RunInfo info = run("crash-before-ack");
    Recorded recorded = new Recorded();
    try (MlflowTracker tracker = new MlflowTracker(spec(), Map.of(), s -> {}, MlflowTracker.CLOSE_WAIT)) {
      tracker.onTrainingBegin(info);
      for (long step = 0; step < 150; step++) {
        recorded.log(tracker, step, Recorded.scalars(step, KEYS));
      }
      assertTrue(tracker.awaitDelivered(Duration.ofSeconds(30)));
    }
    // As if the process died after the server took the metrics but before state.json said so.
    Path spoolDir = info.runDirectory().resolve("mlflow-spool");
    SpoolState done = SpoolState.load(spoolDir);
    long last = done.delivered();
    new SpoolState(done.experimentId(), done.runId(), done.artifactUri(), 1, 0, 2, last).save(spoolDir);

    MlflowSync.Result result = MlflowSync.sync(info.runDirectory(), Map.of(), Duration.ofSeconds(30));
    assertTrue(result.complete(), result.summary());
    assertEquals(last - 1, result.delivered());
    assertEquals(0, result.metricsSent(), "points the server already has are not sent again");
    assertEquals(recorded.count(), result.metricsAlreadyThere());
    recorded.assertExactlyOnce(MlflowReadBack.of(server.uri(), "outages", "crash-before-ack"), Map.of());
  }
}
