package dev.gantrack.experiments.health;

import static dev.gantrack.experiments.health.Recent.fmt;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.health.HealthRule;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** What the built-in rules share: their fixed parts, and the levels of the run's loss. */
final class RuleParts {
  private RuleParts() {}

  /** A rule's name, the signals it reads and its window; the rule itself adds its check. */
  abstract static class Fixed implements HealthRule {
    private final String name;
    private final Set<String> signals;
    private final int window;

    Fixed(String name, Set<String> signals, int window) {
      this.name = name;
      this.signals = Set.copyOf(signals);
      this.window = window;
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final Set<String> signals() {
      return signals;
    }

    @Override
    public final int window() {
      return window;
    }
  }

  /** The run's loss's balance level and score levels ({@link LossSpec}), either of which may be absent. */
  record LossLevels(OptionalDouble balance, Optional<LossSpec.ScoreLevels> scores) {
    static LossLevels of(RunServices run) {
      LossSpec loss = run.get(Experiment.class).loss();
      return new LossLevels(loss.balancedDiscriminatorLoss(), loss.scoreLevels());
    }

    /** {@code " (balance 0.693)"}, or nothing for a loss without a balance level. */
    String balanceNote() {
      return balance.isPresent() ? " (balance " + fmt(balance.getAsDouble()) + ")" : "";
    }
  }
}
