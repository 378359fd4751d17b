package dev.gantrack.experiments.sweep;

import dev.gantrack.experiments.file.ExperimentLoader;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trial of a planned sweep, loaded and validated.
 *
 * @param index its place in the sweep, from 1
 * @param key the hash of its resolved experiment (trackers left out): the same trial in a sweep run
 *     again has the same key, whatever its index
 * @param overrides the values its sweep gave it, path to value as the run's params show it
 * @param loaded the trial's experiment, loaded and checked
 * @param experimentYaml the resolved experiment with absolute paths: what the trial is sent as
 */
public record PlannedTrial(int index, String key, Map<String, String> overrides, ExperimentLoader.Loaded loaded,
    String experimentYaml) {
  public PlannedTrial {
    overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
  }

  /** {@code loss.type=hinge seed=4}: how the trial is shown. */
  public String label() {
    return overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  /** The number of steps the trial trains for. */
  public long steps() {
    return loaded.experiment().training().steps();
  }
}
