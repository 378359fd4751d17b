package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.track.Tracker;
/**
 * Where a run is recorded (kind {@code tracker}): console, run folder, MLflow, TensorBoard, ...
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TrackerSpec extends PluginSpec {
  /** Creates the tracker for one run (it must not block training: slow work goes to its own thread); {@code run} gives the run's services. */
  Tracker create(RunServices run);
}
