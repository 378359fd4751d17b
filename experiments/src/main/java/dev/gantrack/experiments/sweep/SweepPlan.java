package dev.gantrack.experiments.sweep;

import java.util.List;

/**
 * A sweep's trials, every one loaded and validated.
 *
 * @param id the sweep's id: the experiment's name and a hash of its trials' keys, so the same sweep
 *     run again has the same id (and folder)
 * @param duplicates trials left out because another trial resolves to the same experiment
 */
public record SweepPlan(String id, SweepDefinition definition, List<PlannedTrial> trials, int duplicates) {
  public SweepPlan {
    trials = List.copyOf(trials);
  }
}
