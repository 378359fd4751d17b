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
 * Health rule {@code d-lost}: D scores the fakes as real and G's loss falls to its floor, while D's
 * loss climbs: G has found where D's output grows without bound, usually far from the data (the
 * 40,000-step ring run of {@code experiments/ablations/RESULTS.md}: D(G(z)) 0.994 and D's loss 3.0
 * from step 2,000, rising to 9.4, G's loss 0). It finds, at each of the last {@code patience} logged
 * steps, D(G(z)) ({@code d_fake}) within {@code margin} of the score of a sure-real example (from
 * the loss's {@link LossSpec#scoreLevels()}) and D's loss above {@code loss-factor} times the loss's
 * balance level (when it has one). Off for losses whose scores have no levels.
 */
public record DiscriminatorLostRule(
    @JsonProperty("patience") @JsonPropertyDescription("logged steps in a row the signs must hold")
    Integer patience,
    @JsonProperty("margin") @JsonPropertyDescription("how near D(G(z)) must be to the sure-real score, as a fraction of the distance from sure-fake to sure-real")
    Double margin,
    @JsonProperty("loss-factor") @JsonPropertyDescription("d_loss must be above this multiple of the loss's balance level")
    Double lossFactor,
    @JsonProperty("on-failure") @JsonPropertyDescription("warn, or stop the run as FAILED")
    String onFailure) implements HealthRuleSpec {

  public static final String TYPE = "d-lost";

  public DiscriminatorLostRule {
    patience = Checks.range("patience", patience, 3, 1, 1000);
    margin = Checks.range("margin", margin, 0.1, 0.0, 0.5);
    lossFactor = Checks.range("loss-factor", lossFactor, 2.0, 1.0, 100.0);
    onFailure = HealthRuleSpec.checkOnFailure(onFailure);
  }

  @Override
  public HealthRule create(RunServices run) {
    RuleParts.LossLevels levels = RuleParts.LossLevels.of(run);
    OptionalDouble balance = levels.balance();
    return new RuleParts.Fixed(TYPE, levels.scores().isPresent() ? Set.of("d_fake", "d_loss", "g_loss") : Set.of(), patience) {
      @Override
      public Optional<Finding> check(Signals signals) {
        LossSpec.ScoreLevels s = levels.scores().orElseThrow();
        Recent fake = Recent.of(signals, "d_fake", patience);
        Recent d = Recent.of(signals, "d_loss", patience);
        boolean lost = fake.all(patience, v -> s.position(v) >= 1 - margin)
            && d.all(patience, v -> balance.isEmpty() || v >= lossFactor * balance.getAsDouble());
        if (!lost) {
          return Optional.empty();
        }
        Recent g = Recent.of(signals, "g_loss", 1);
        String seen = String.format(Locale.ROOT,
            "D has lost, it scores the fakes as real: d_fake %s and d_loss %s%s at each of the last %d logged steps "
                + "(%d-%d)%s; G is chasing where D's output grows, likely away from the data",
            fmt(fake.last()), fmt(d.last()), levels.balanceNote(),
            patience, d.firstStep(), d.lastStep(),
            g.values().isEmpty() ? "" : ", g_loss " + fmt(g.last()));
        return Optional.of(new Finding(signals.step(), TYPE, "d_fake", fake.last(), seen, Advice.D_LOST));
      }
    };
  }
}
