package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * A source of noise (kind {@code noise}): a latent distribution G samples from, or instance noise added to D's inputs.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface NoiseSpec extends PluginSpec {
  /** True when this noise can be the latent distribution G draws its seeds from. */
  default boolean latent() {
    return true;
  }
}
