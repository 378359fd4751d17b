package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * A measure of a trained generator (kind {@code metric}), evaluated every {@link #every()} steps and
 * at the end, its values logged to every tracker. A metric computed on host floats implements
 * {@link HostMetricSpec} and runs on any backend; one that needs the engine implements its
 * backend's metric interface (for DJL, {@code dev.gantrack.djl.spi.DjlMetricSpec}).
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
}
