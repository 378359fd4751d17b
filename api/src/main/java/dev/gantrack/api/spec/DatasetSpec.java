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
  /** Reads only what is needed to know the data's shape (a header): no examples are loaded. */
  DataShape describe(PluginContext context) throws IOException;

  /** Loads or prepares the data for a run. */
  DataSource open(PluginContext context) throws IOException;
}
