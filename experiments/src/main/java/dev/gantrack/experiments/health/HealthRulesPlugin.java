package dev.gantrack.experiments.health;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the built-in health rules. */
public final class HealthRulesPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.HEALTH_RULE, BalanceRule.TYPE, BalanceRule.class,
            "D's loss stays far from the loss's balance level (ln 2 for BCE, 0.25 for lsgan, 1 for hinge)"),
        PluginType.of(PluginKind.HEALTH_RULE, DiscriminatorWinningRule.TYPE, DiscriminatorWinningRule.class,
            "D wins: D(x) near 1, D(G(z)) near 0 and D's loss near 0 for several logged steps"),
        PluginType.of(PluginKind.HEALTH_RULE, DiscriminatorLostRule.TYPE, DiscriminatorLostRule.class,
            "D has lost: it scores the fakes as real (D(G(z)) near 1) with its loss far above balance"),
        PluginType.of(PluginKind.HEALTH_RULE, GeneratorLossClimbingRule.TYPE, GeneratorLossClimbingRule.class,
            "G's loss climbs steadily over a window of logged steps (a rank trend, robust to noise)"),
        PluginType.of(PluginKind.HEALTH_RULE, CollapseRule.TYPE, CollapseRule.class,
            "a logged metric (modes_captured, classes_seen, ...) falls by a fraction from its best"));
  }
}
