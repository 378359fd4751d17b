package dev.gantrack.trackers;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the {@code console} and {@code local} trackers. */
public final class LocalTrackersPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.TRACKER, ConsoleTrackerSpec.TYPE, ConsoleTrackerSpec.class, "progress bar and losses on the terminal"),
        PluginType.of(PluginKind.TRACKER, LocalTrackerSpec.TYPE, LocalTrackerSpec.class, "metrics.jsonl and artifacts in the run folder (always on)"));
  }
}
