package dev.gantrack.trackers.mlflow;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the {@code mlflow} tracker ({@link MlflowTrackerSpec}). */
public final class MlflowPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(PluginType.of(PluginKind.TRACKER, MlflowTrackerSpec.TYPE, MlflowTrackerSpec.class,
        "records runs in an MLflow tracking server; spooled on disk, retried, never blocks training"));
  }
}
