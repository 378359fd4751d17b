package dev.gantrack.trackers.tensorboard;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the {@code tensorboard} tracker. */
public final class TensorBoardPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(
            PluginKind.TRACKER,
            TensorBoardTrackerSpec.TYPE,
            TensorBoardTrackerSpec.class,
            "TensorBoard event files: scalars, samples, histograms, the experiment, HParams"));
  }
}
