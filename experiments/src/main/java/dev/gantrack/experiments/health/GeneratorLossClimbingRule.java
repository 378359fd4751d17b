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
import java.util.Set;

/**
 * Health rule {@code g-loss-climbing}: G's loss rises steadily, a sign that D is pulling away. Over
 * the last {@code window} logged steps it finds a rank trend ({@link Trend}: Kendall's τ of g_loss
 * against step at least {@code min-tau}) whose Theil–Sen slope adds up, across the window, to at
 * least {@code min-rise} times the window's median |g_loss|. Both are rank statistics, so a noisy
 * loss with a few spikes does not fire it and a steady climb under noise does.
 */
public record GeneratorLossClimbingRule(
    @JsonProperty("window") @JsonPropertyDescription("logged steps the trend is measured over")
    Integer window,
    @JsonProperty("min-tau") @JsonPropertyDescription("least Kendall's tau of g_loss against step (1 = every later value higher)")
    Double minTau,
    @JsonProperty("min-rise") @JsonPropertyDescription("least rise across the window, as a fraction of the window's median |g_loss|")
    Double minRise,
    @JsonProperty("on-failure") @JsonPropertyDescription("warn, or stop the run as FAILED")
    String onFailure) implements HealthRuleSpec {

  public static final String TYPE = "g-loss-climbing";

  public GeneratorLossClimbingRule {
    window = Checks.range("window", window, 10, 4, 1000);
    minTau = Checks.range("min-tau", minTau, 0.6, 0.0, 1.0);
    minRise = Checks.range("min-rise", minRise, 0.3, 0.0, 100.0);
    onFailure = HealthRuleSpec.checkOnFailure(onFailure);
  }

  @Override
  public HealthRule create(RunServices run) {
    return new RuleParts.Fixed(TYPE, Set.of("g_loss"), window) {
      @Override
      public Optional<Finding> check(Signals signals) {
        Recent g = Recent.of(signals, "g_loss", window);
        if (g.values().size() < window) {
          return Optional.empty();
        }
        Trend t = Trend.of(g.values());
        double rise = t.slope() * (g.lastStep() - g.firstStep());
        double typical = Math.abs(g.median());
        if (t.tau() < minTau || rise <= 0 || rise < minRise * typical) {
          return Optional.empty();
        }
        String seen = String.format(Locale.ROOT,
            "g_loss climbed steadily over the last %d logged steps (%d-%d): up %s (Theil-Sen) to %s, Kendall's tau %.2f; "
                + "D is pulling away from G",
            window, g.firstStep(), g.lastStep(), fmt(rise), fmt(g.last()), t.tau());
        return Optional.of(new Finding(signals.step(), TYPE, "g_loss", g.last(), seen, Advice.D_AHEAD));
      }
    };
  }
}
