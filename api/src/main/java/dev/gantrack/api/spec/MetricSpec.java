package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.track.Metric;
/**
 * A measure of a trained generator (kind {@code metric}), evaluated every {@link #every()} steps and at the end.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface MetricSpec extends PluginSpec {
  /** Steps between evaluations; 0 evaluates only at the end of the run. */
  int every();

  /** Creates the metric for one run; {@code run} gives the run's services (see {@link RunServices}). */
  Metric create(RunServices run);
}
