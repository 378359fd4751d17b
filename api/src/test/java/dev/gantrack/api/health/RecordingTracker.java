package dev.gantrack.api.health;

import dev.gantrack.api.track.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tracker that keeps what it is sent, as lines such as {@code 40 metrics {health/high=1.0}}. */
final class RecordingTracker implements Tracker {
  final List<String> calls = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    calls.add(step + " metrics " + new LinkedHashMap<>(metrics));
  }

  @Override
  public void onWarning(long step, String tag, String message) {
    calls.add(step + " warning " + tag + " " + message);
    warnings.add(message);
  }
}
