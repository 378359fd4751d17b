package com.example.gantrack;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/**
 * The plugin's one entry point, listed in {@code META-INF/services/dev.gantrack.api.GantrackPlugin}:
 * the {@code type:} names it adds, each with its spec class and the line {@code gantrack plugins}
 * shows. It binds nothing in the run's injector, so it leaves {@code configure(Binder)} at its
 * default.
 */
public final class ExamplePlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.LOSS, FocalBceLoss.TYPE, FocalBceLoss.class,
            "non-saturating BCE, each term weighted by |t - D|^gamma (focal loss)"),
        PluginType.of(PluginKind.GENERATOR, ResidualMlpGenerator.TYPE, ResidualMlpGenerator.class,
            "fully connected generator of pre-activation residual blocks"),
        PluginType.of(PluginKind.TRACKER, CsvTrackerSpec.TYPE, CsvTrackerSpec.class,
            "every logged metric as step,metric,value rows of metrics.csv in the run folder"));
  }
}
