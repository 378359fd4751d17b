package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.io.IOException;
/**
 * Training data (kind {@code dataset}): real examples, scaled to [-1, 1], with optional class labels.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DatasetSpec extends PluginSpec {
  /**
   * The data's shape, after reading through the data once with bounded memory and time to prove it
   * can train (counts against headers and the bytes present, decodable examples, labels within the
   * classes): what {@code validate} calls, before any run exists. Throw {@link
   * dev.gantrack.api.InvalidOptionException} naming the option (and the file) at fault.
   */
  DataShape describe(PluginContext context) throws IOException;

  /** Loads or prepares the data for a run, with the same checks (the data may have changed since validation). */
  DataSource open(PluginContext context) throws IOException;
}
