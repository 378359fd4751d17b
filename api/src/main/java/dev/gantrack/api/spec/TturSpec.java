package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * How G and D are optimised (kind {@code ttur}): one optimizer and learning rate each, and k D-steps per G-step.
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
}
