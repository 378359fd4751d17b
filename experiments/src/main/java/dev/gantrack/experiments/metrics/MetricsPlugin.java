package dev.gantrack.experiments.metrics;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the built-in metrics, e.g. {@code mode-coverage}. */
public final class MetricsPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of();
  }
}
