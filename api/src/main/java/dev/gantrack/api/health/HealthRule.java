package dev.gantrack.api.health;

import dev.gantrack.api.PublicApi;
import java.util.Optional;
import java.util.Set;

/**
 * A health rule of one run, made by its {@link dev.gantrack.api.spec.HealthRuleSpec}. It holds no
 * state: the {@link HealthMonitor} keeps every signal's recent values and best values, so the
 * rule's view of the run ({@link Signals}) is all there is to save for an exact resume.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface HealthRule {
  /**
   * The rule's name in warnings and metric keys ({@code health/<name>}): its type, and what it
   * watches when that varies ({@code collapse/modes_captured}).
   */
  String name();

  /**
   * The logged values it reads ({@code d_loss}, {@code modes_captured}, ...), all of them (the monitor keeps
   * only these): it is checked after
   * every step that logged one of them. None: the rule does not apply to this run (a rule of the
   * loss's levels with a loss that has none) and is never checked.
   */
  Set<String> signals();

  /** How many of a signal's latest values it reads at most; the monitor keeps that many. */
  int window();

  /** What is wrong now, or empty when the run looks healthy by this rule. */
  Optional<Finding> check(Signals signals);
}
