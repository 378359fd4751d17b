package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * How G and D are optimised (kind {@code ttur}): one optimizer and learning rate each, k D updates and
 * g G updates per training step, one after the other or (PacGAN's and ALI's code) simultaneously.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TturSpec extends PluginSpec {
  /** Discriminator updates per generator update (k &gt;= 1). */
  int dSteps();

  /** Generator updates per training step (g &gt;= 1; carpedm20's DCGAN makes 2). */
  default int gSteps() {
    return 1;
  }

  /**
   * Whether D and G are updated simultaneously: both gradients taken at the same (old) parameters
   * from one fake batch, then both applied, as ALI's and PacGAN's code do; otherwise D is updated
   * first and G against the updated D.
   */
  default boolean simultaneous() {
    return false;
  }
}
