package dev.gantrack.experiments.metrics;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the built-in metrics, e.g. {@code mode-coverage}. */
public final class MetricsPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.METRIC, ModeCoverageMetric.TYPE, ModeCoverageMetric.class,
            "Modes captured, % high-quality samples and reverse KL on a ring or grid dataset"));
  }
}
