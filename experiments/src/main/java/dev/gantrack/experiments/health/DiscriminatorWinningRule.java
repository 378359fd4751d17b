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
import dev.gantrack.api.spec.LossSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Health rule {@code d-winning}: D tells real from fake almost perfectly, so G gets almost no
 * gradient. It finds, at each of the last {@code patience} logged steps, D(x) ({@code d_real})
 * within {@code margin} of the score of a sure-real example, D(G(z)) ({@code d_fake}) within {@code
 * margin} of a sure-fake one (margins as a fraction of the distance between the two, from the
 * loss's {@link LossSpec#scoreLevels()}: 0.9 and 0.1 for probabilities), and D's loss below {@code
 * loss-fraction} of the loss's balance level (when it has one). Off for losses whose scores have no
 * levels (the Wasserstein ones).
 */
public record DiscriminatorWinningRule(
    @JsonProperty("patience") @JsonPropertyDescription("logged steps in a row the signs must hold")
    Integer patience,
    @JsonProperty("margin") @JsonPropertyDescription("how near D(x) and D(G(z)) must be to the sure-real and sure-fake scores, as a fraction of the distance between them")
    Double margin,
    @JsonProperty("loss-fraction") @JsonPropertyDescription("d_loss must be below this fraction of the loss's balance level")
    Double lossFraction,
    @JsonProperty("on-failure") @JsonPropertyDescription("warn, or stop the run as FAILED")
    String onFailure) implements HealthRuleSpec {

  public static final String TYPE = "d-winning";

  public DiscriminatorWinningRule {
    patience = Checks.range("patience", patience, 5, 1, 1000);
    margin = Checks.range("margin", margin, 0.1, 0.0, 0.5);
    lossFraction = Checks.range("loss-fraction", lossFraction, 0.15, 0.0, 1.0);
    onFailure = HealthRuleSpec.checkOnFailure(onFailure);
  }

  @Override
  public HealthRule create(RunServices run) {
    RuleParts.LossLevels levels = RuleParts.LossLevels.of(run);
    OptionalDouble balance = levels.balance();
    return new RuleParts.Fixed(TYPE, levels.scores().isPresent() ? Set.of("d_real", "d_fake", "d_loss") : Set.of(), patience) {
      @Override
      public Optional<Finding> check(Signals signals) {
        LossSpec.ScoreLevels s = levels.scores().orElseThrow();
        Recent real = Recent.of(signals, "d_real", patience);
        Recent fake = Recent.of(signals, "d_fake", patience);
        Recent d = Recent.of(signals, "d_loss", patience);
        boolean won = real.all(patience, v -> s.position(v) >= 1 - margin)
            && fake.all(patience, v -> s.position(v) <= margin)
            && d.all(patience, v -> balance.isEmpty() || v <= lossFraction * balance.getAsDouble());
        if (!won) {
          return Optional.empty();
        }
        String seen = String.format(Locale.ROOT,
            "D is winning: d_real %s, d_fake %s, d_loss %s%s at each of the last %d logged steps (%d-%d); "
                + "G gets little gradient",
            fmt(real.last()), fmt(fake.last()), fmt(d.last()), levels.balanceNote(),
            patience, d.firstStep(), d.lastStep());
        return Optional.of(new Finding(signals.step(), TYPE, "d_fake", fake.last(), seen, Advice.D_AHEAD));
      }
    };
  }
}
