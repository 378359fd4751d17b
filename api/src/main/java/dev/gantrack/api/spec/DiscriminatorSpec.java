package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * The discriminator network (kind {@code discriminator}): scores a sample (and, if conditional, its label) with one logit.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DiscriminatorSpec extends PluginSpec {
  /** True when D is also fed the class label. */
  default boolean conditional() {
    return false;
  }

  /**
   * How many samples D judges together (PacGAN's m): D's input batch must be a multiple of it and D
   * returns one logit per pack of m consecutive samples. 1 (no packing) by default.
   */
  default int pack() {
    return 1;
  }

  /** The shape of one sample D accepts when trained on data of shape {@code dataShape}. */
  default int[] inputShape(int[] dataShape) {
    return dataShape.clone();
  }
}
