package dev.gantrack.trackers;

import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.Tracker;

/**
 * Tracker {@code local}: writes {@code metrics.jsonl} (one JSON object per logged step) in the run
 * folder. gantrack adds it to every run, listed or not, so the run folder always has everything.
 */
public record LocalTrackerSpec() implements TrackerSpec {
  public static final String TYPE = "local";

  @Override
  public Tracker create(RunServices run) {
    return new LocalRunTracker();
  }
}
