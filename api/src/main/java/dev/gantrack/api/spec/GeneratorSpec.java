package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * The generator network (kind {@code generator}): maps a latent vector (and, if conditional, a class label) to a sample.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface GeneratorSpec extends PluginSpec {
  /** Length of the latent vector G takes. */
  int latentDim();

  /** True when G is also fed the class label. */
  default boolean conditional() {
    return false;
  }

  /**
   * The shape of one sample G produces when trained on data of shape {@code dataShape}
   * (channels, height, width or a flat vector). By default G adapts to the data.
   */
  default int[] outputShape(int[] dataShape) {
    return dataShape.clone();
  }
}
