package dev.gantrack.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.track.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrackerFanOutTest {

  /** Records each call's step, the thread it ran on and when. */
  private static final class Recording implements Tracker {
    final List<Long> steps = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Long> nanos = new CopyOnWriteArrayList<>();

    @Override
    public void onMetrics(long step, Map<String, Double> metrics) {
      steps.add(step);
      threads.add(Thread.currentThread().getName());
      nanos.add(System.nanoTime());
    }
  }

  @Test
  void everyCallReachesEachTrackerInOrderOnItsOwnThreadBeforeCloseReturns() {
    Recording a = new Recording();
    Recording b = new Recording();
    try (TrackerFanOut fan = new TrackerFanOut(List.of(new TrackerFanOut.Member("a", a, false),
        new TrackerFanOut.Member("b", b, false)), 5_000)) {
      for (long step = 1; step <= 500; step++) {
        fan.onMetrics(step, Map.of("d_loss", 0.5));
      }
    }
    List<Long> expected = LongStream.rangeClosed(1, 500).boxed().toList();
    assertEquals(expected, List.copyOf(a.steps));
    assertEquals(expected, List.copyOf(b.steps));
    assertEquals(List.of("gantrack-tracker-a"), a.threads.stream().distinct().toList());
    assertEquals(List.of("gantrack-tracker-b"), b.threads.stream().distinct().toList());
    assertNotEquals(Thread.currentThread().getName(), a.threads.get(0));
  }

  @Test
  void callsSubmittedAMillisecondApartRunInBurstsNotOneThreadWakeUpEach() throws Exception {
    Recording r = new Recording();
    int calls = 50;
    try (TrackerFanOut fan = new TrackerFanOut(List.of(new TrackerFanOut.Member("r", r, false)), 5_000)) {
      for (long step = 1; step <= calls; step++) {
        fan.onMetrics(step, Map.of("d_loss", 0.5));
        Thread.sleep(1);
      }
    }
    // a burst: calls run back to back; a thread woken per call would run them about 1 ms apart
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < r.nanos.size(); i++) {
      gaps.add(r.nanos.get(i) - r.nanos.get(i - 1));
    }
    long bursts = 1 + gaps.stream().filter(g -> g > 500_000).count();
    assertEquals(calls, r.steps.size());
    assertTrue(bursts <= calls / 4, "the tracker's thread ran " + calls + " calls in " + bursts + " bursts");
  }

  @Test
  void aTrackerThatThrowsIsSwitchedOffWithoutHoldingUpTheOthersOrTheCheckpoint() {
    Recording healthy = new Recording();
    Tracker broken = new Tracker() {
      @Override
      public void onMetrics(long step, Map<String, Double> metrics) {
        throw new IllegalStateException("server gone");
      }
    };
    try (TrackerFanOut fan = new TrackerFanOut(List.of(new TrackerFanOut.Member("broken", broken, false),
        new TrackerFanOut.Member("healthy", healthy, false)), 5_000)) {
      for (long step = 1; step <= 20; step++) {
        fan.onMetrics(step, Map.of("d_loss", 0.5));
      }
      long begin = System.nanoTime();
      fan.onCheckpoint(20);
      double seconds = (System.nanoTime() - begin) / 1e9;
      assertEquals(20, healthy.steps.size(), "everything before the checkpoint");
      // the switched-off tracker releases the checkpoint instead of holding it for the 10 s limit
      assertTrue(seconds < 5, "onCheckpoint took " + seconds + " s");
    }
  }
}
