package dev.gantrack.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resumed run needs of the trackers around its checkpoints: metrics.jsonl keeps only the rows up
 * to the checkpoint's step (and no line a crash cut short), and a checkpoint waits until every
 * asynchronous tracker has handled what came before it.
 */
class ResumedRunFolderTrackersTest {
  @TempDir Path tmp;

  @Test
  void aResumedRunDropsTheRowsAfterItsCheckpointAndAppendsAfterThem() throws Exception {
    Path file = tmp.resolve("metrics.jsonl");
    Files.writeString(file, """
        {"step":5,"time":1,"d_loss":0.5}
        {"step":10,"time":2,"d_loss":0.4}
        {"step":10,"time":2,"modes_captured":3.0}
        {"step":15,"time":3,"d_loss":0.3}
        {"step":20,"time":4,"d_lo""");
    try (LocalRunTracker local = new LocalRunTracker()) {
      local.onTrainingBegin(new RunInfo("r", "ring", tmp, Map.of(), Map.of(), "", 10));
      local.onMetrics(15, Map.of("d_loss", 0.25));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("{\"step\":5,") && lines.get(2).contains("modes_captured"), lines.toString());
    assertTrue(lines.get(3).startsWith("{\"step\":15,") && lines.get(3).contains("\"d_loss\":0.25"), lines.toString());
  }

  @Test
  void aCheckpointWaitsForEveryAsynchronousTrackerToHandleWhatCameBefore() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Tracker slow = new Tracker() {
      @Override public void onMetrics(long step, Map<String, Double> metrics) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add("metrics " + step);
      }

      @Override public void onCheckpoint(long step) {
        seen.add("checkpoint " + step);
      }
    };
    try (TrackerFanOut fan = new TrackerFanOut(List.of(new TrackerFanOut.Member("slow", slow, false)), 5_000)) {
      for (long step = 1; step <= 3; step++) {
        fan.onMetrics(step, Map.of("d_loss", 1.0));
      }
      fan.onCheckpoint(3);
      assertEquals(List.of("metrics 1", "metrics 2", "metrics 3", "checkpoint 3"), List.copyOf(seen),
          "when onCheckpoint returns, the slow tracker is through");
    }
  }
}
