package dev.gantrack.trackers.mlflow;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the {@code mlflow} tracker. */
public final class MlflowPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of();
  }
}
