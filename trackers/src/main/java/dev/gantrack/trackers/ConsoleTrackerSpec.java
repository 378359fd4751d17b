package dev.gantrack.trackers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.Tracker;

/** Tracker {@code console}: a progress bar (steps, rate, losses, ETA), or plain lines when not on a terminal. */
public record ConsoleTrackerSpec(
    @JsonProperty("progress-bar") @JsonPropertyDescription("draw a progress bar on a terminal; plain lines otherwise") Boolean progressBar)
    implements TrackerSpec {
  public static final String TYPE = "console";

  public ConsoleTrackerSpec {
    progressBar = progressBar == null || progressBar;
  }

  @Override
  public Tracker create(RunServices run) {
    return new ConsoleTracker(progressBar && System.console() != null, System.out);
  }
}
