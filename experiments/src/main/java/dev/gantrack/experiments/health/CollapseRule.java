package dev.gantrack.experiments.health;

import static dev.gantrack.experiments.health.Recent.fmt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.health.Finding;
import dev.gantrack.api.health.HealthRule;
import dev.gantrack.api.health.LoggedValue;
import dev.gantrack.api.health.Signals;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HealthRuleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Health rule {@code collapse}: a logged metric of coverage or diversity ({@code modes_captured} of
 * {@code mode-coverage}, {@code classes_seen}, {@code diversity}, ...) has fallen from its best by
 * at least {@code drop} of it at {@code patience} evaluations in a row: G is losing modes (one low
 * evaluation early in training, while coverage still swings, is not enough). For a metric where
 * lower is better (a distance such as FID, or MS-SSIM between samples) set {@code better: lower}:
 * it then finds the metric risen by {@code drop} of its best. Checked each time the metric is
 * logged; its name in warnings is {@code collapse/<metric>}.
 */
public record CollapseRule(
    @JsonProperty("metric") @JsonPropertyDescription("the logged metric to watch, e.g. modes_captured")
    String metric,
    @JsonProperty("drop") @JsonPropertyDescription("how far from its best the metric may move, as a fraction of the best")
    Double drop,
    @JsonProperty("better") @JsonPropertyDescription("which way the metric improves")
    String better,
    @JsonProperty("patience") @JsonPropertyDescription("evaluations in a row the metric must stay that far from its best")
    Integer patience,
    @JsonProperty("on-failure") @JsonPropertyDescription("warn, or stop the run as FAILED")
    String onFailure) implements HealthRuleSpec {

  public static final String TYPE = "collapse";
  public static final String HIGHER = "higher";
  public static final String LOWER = "lower";

  public CollapseRule {
    metric = Checks.required("metric", metric);
    if (!metric.matches("[A-Za-z0-9_./-]{1,100}")) {
      throw new InvalidOptionException("metric",
          "'" + metric + "' is not a metric name; use 1-100 letters, digits, '_', '.', '/' or '-'");
    }
    drop = Checks.range("drop", drop, 0.25, 0.01, 1.0);
    better = Checks.oneOf("better", better, HIGHER, List.of(HIGHER, LOWER));
    patience = Checks.range("patience", patience, 2, 1, 1000);
    onFailure = HealthRuleSpec.checkOnFailure(onFailure);
  }

  /** How much worse {@code value} is than {@code best}, as a fraction of |best|. */
  private double worse(double best, double value) {
    return (HIGHER.equals(better) ? best - value : value - best) / Math.abs(best);
  }

  @Override
  public HealthRule create(RunServices run) {
    boolean higher = HIGHER.equals(better);
    String name = TYPE + "/" + metric;
    return new RuleParts.Fixed(name, Set.of(metric), patience) {
      @Override
      public Optional<Finding> check(Signals signals) {
        Optional<LoggedValue> best = higher ? signals.highest(metric) : signals.lowest(metric);
        Recent now = Recent.of(signals, metric, patience);
        if (best.isEmpty() || best.get().value() == 0 || now.values().size() < patience
            || now.lastStep() != signals.step()) {
          return Optional.empty();
        }
        double b = best.get().value();
        if (!now.all(patience, v -> worse(b, v) >= drop)) {
          return Optional.empty();
        }
        double v = now.last();
        double worse = worse(b, v);
        String seen = String.format(Locale.ROOT,
            "%s %s to %s from its best %s at step %d (%.0f %% worse; %d evaluations in a row at least %.0f %% worse): "
                + "G is losing modes",
            metric, higher ? "fell" : "rose", fmt(v), fmt(b), best.get().step(), worse * 100, patience, drop * 100);
        return Optional.of(new Finding(signals.step(), name, metric, v, seen, Advice.COLLAPSE));
      }
    };
  }
}
