package dev.gantrack.experiments.health;

import static dev.gantrack.experiments.health.Recent.fmt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.health.Finding;
import dev.gantrack.api.health.HealthRule;
import dev.gantrack.api.health.Signals;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HealthRuleSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Health rule {@code balance}: D's loss should hover near the loss's balance level ({@link
 * dev.gantrack.api.spec.LossSpec#balancedDiscriminatorLoss()}: ln 2 ≈ 0.693 for the BCE losses,
 * 0.25 for {@code lsgan}, 1 for {@code hinge}). It finds the median {@code d_loss} of the last
 * {@code window} logged steps off that level by more than {@code tolerance} of it: below, D is
 * ahead of G; above, D cannot keep up. The median makes single noisy steps harmless. With a loss
 * without a balance level (the Wasserstein ones) the rule is off.
 */
public record BalanceRule(
    @JsonProperty("tolerance") @JsonPropertyDescription("how far the median d_loss may be from the balance level, as a fraction of it")
    Double tolerance,
    @JsonProperty("window") @JsonPropertyDescription("logged steps whose median d_loss is compared")
    Integer window,
    @JsonProperty("on-failure") @JsonPropertyDescription("warn, or stop the run as FAILED")
    String onFailure) implements HealthRuleSpec {

  public static final String TYPE = "balance";

  public BalanceRule {
    tolerance = Checks.range("tolerance", tolerance, 0.5, 0.01, 10.0);
    window = Checks.range("window", window, 10, 1, 1000);
    onFailure = HealthRuleSpec.checkOnFailure(onFailure);
  }

  @Override
  public HealthRule create(RunServices run) {
    OptionalDouble level = RuleParts.LossLevels.of(run).balance();
    return new RuleParts.Fixed(TYPE, level.isPresent() ? Set.of("d_loss") : Set.of(), window) {
      @Override
      public Optional<Finding> check(Signals signals) {
        Recent d = Recent.of(signals, "d_loss", window);
        if (d.values().size() < window) {
          return Optional.empty();
        }
        double balance = level.getAsDouble();
        double off = (d.median() - balance) / balance;
        if (Math.abs(off) <= tolerance) {
          return Optional.empty();
        }
        String seen = String.format(Locale.ROOT,
            "the median d_loss of the last %d logged steps (%d-%d) is %s, %.0f %% %s the loss's balance %s: %s",
            window, d.firstStep(), d.lastStep(), fmt(d.median()), Math.abs(off) * 100, off < 0 ? "below" : "above",
            fmt(balance), off < 0 ? "D is ahead of G" : "D cannot keep up with G");
        return Optional.of(new Finding(signals.step(), TYPE, "d_loss", d.last(), seen,
            off < 0 ? Advice.D_AHEAD : Advice.D_BEHIND));
      }
    };
  }
}
