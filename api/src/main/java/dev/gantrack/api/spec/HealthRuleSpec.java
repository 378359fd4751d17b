package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.Checks;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.health.HealthRule;
import dev.gantrack.api.run.RunServices;
import java.util.List;

/**
 * A health rule (kind {@code health-rule}, listed under {@code health:}): one rule of thumb users
 * apply to a GAN's logged values by eye, checked after every step that logs what it reads. A
 * finding is a warning in every tracker; with {@code on-failure: stop} it also ends the run as
 * FAILED with the finding as its error.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface HealthRuleSpec extends PluginSpec {
  /** The choices of {@code on-failure}: warn only, or also stop the run. */
  List<String> ON_FAILURE = List.of("warn", "stop");

  /** The {@code on-failure} option checked, for a spec's constructor: {@code warn} when null, else one of {@link #ON_FAILURE}. */
  static String checkOnFailure(String value) {
    return Checks.oneOf("on-failure", value, "warn", ON_FAILURE);
  }

  /** {@code warn} (the default) or {@code stop}: what a finding does besides the warning. */
  String onFailure();

  /** True when a finding ends the run as FAILED. */
  default boolean stopsTheRun() {
    return "stop".equals(onFailure());
  }

  /**
   * Creates the rule for one run; {@code run} gives the run's services (the experiment, its loss
   * spec, ...). Called when the run is assembled, so a refusal here is reported at the rule's field.
   */
  HealthRule create(RunServices run);
}
