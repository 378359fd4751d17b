package dev.gantrack.experiments.health;

import static dev.gantrack.experiments.health.Traces.every;
import static dev.gantrack.experiments.health.Traces.findings;
import static dev.gantrack.experiments.health.Traces.losses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.health.Finding;
import dev.gantrack.api.health.HealthCheckFailure;
import dev.gantrack.api.health.HealthMonitor;
import dev.gantrack.api.spec.HealthRuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each built-in rule fires on a constructed trace of its symptom, at the step it should, and stays quiet otherwise. */
class HealthRulesTest {
  private static final double LN2 = Math.log(2);

  private static Map<String, Double> healthy(Random r) {
    return losses(LN2 + 0.05 * r.nextGaussian(), 0.75 + 0.08 * r.nextGaussian(),
        0.55 + 0.05 * r.nextGaussian(), 0.45 + 0.05 * r.nextGaussian());
  }

  private static List<Long> steps(List<Finding> found) {
    return found.stream().map(Finding::step).toList();
  }

  // ---- balance ----------------------------------------------------------------------------------

  @Test
  void balanceIgnoresSingleStepsFarFromLn2WhileTheMedianStaysNearIt() {
    Random r = Traces.noise(1);
    List<Traces.Logged> trace = every(50, 60, s -> losses(LN2 + 0.45 * (2 * r.nextDouble() - 1), 0.8, 0.5, 0.5));
    long far = trace.stream().filter(l -> Math.abs(l.values().get("d_loss") - LN2) > 0.5 * LN2).count();
    assertTrue(far >= 10, "the trace has single values beyond the tolerance: " + far);
    assertEquals(List.of(), findings("non-saturating", trace, new BalanceRule(null, null, null)));
  }

  @Test
  void balanceFindsTheMedianDiscriminatorLossFarBelowLn2AfterAWindowOfLoggedSteps() {
    Random r = Traces.noise(2);
    List<Traces.Logged> trace = every(50, 12, s -> losses(0.30 + 0.05 * r.nextGaussian(), 2.0, 0.8, 0.2));
    List<Finding> found = findings("non-saturating", trace, new BalanceRule(null, null, null));
    assertEquals(List.of(500L), steps(found), "the 10th logged step fills the window");
    Finding f = found.get(0);
    assertEquals("balance", f.rule());
    assertEquals("d_loss", f.signal());
    assertTrue(f.seen().contains("below the loss's balance 0.693: D is ahead of G"), f.seen());
    assertEquals(Advice.D_AHEAD, f.advice());
  }

  @Test
  void balanceReadsTheLevelTheLossDeclaresLsganAt025AndHingeAt1() {
    Random r = Traces.noise(3);
    BalanceRule rule = new BalanceRule(null, null, null);
    assertEquals(List.of(), findings("lsgan", every(50, 30, s -> losses(0.25 + 0.04 * r.nextGaussian(), 0.3, 0.6, 0.4)), rule));
    List<Finding> above = findings("lsgan", every(50, 10, s -> losses(LN2, 0.3, 0.6, 0.4)), rule);
    assertEquals(List.of(500L), steps(above), "ln 2 is far above lsgan's balance");
    assertTrue(above.get(0).seen().contains("above the loss's balance 0.250: D cannot keep up"), above.get(0).seen());
    assertEquals(Advice.D_BEHIND, above.get(0).advice());
    assertEquals(List.of(), findings("hinge", every(50, 30, s -> losses(1.0 + 0.1 * r.nextGaussian(), 0.1, 0.2, -0.1)), rule));
    assertEquals(List.of(500L), steps(findings("hinge", every(50, 10, s -> losses(0.3, 0.9, 1.1, -0.8)), rule)));
  }

  @Test
  void rulesOfTheLossesLevelsAreOffForAWassersteinCritic() {
    List<HealthRuleSpec> levelRules = List.of(new BalanceRule(null, null, null),
        new DiscriminatorWinningRule(null, null, null, null), new DiscriminatorLostRule(null, null, null, null));
    for (HealthRuleSpec rule : levelRules) {
      assertEquals(java.util.Set.of(), rule.create(Traces.services("wgan")).signals(), rule.toString());
    }
    List<Traces.Logged> extreme = every(50, 20, s -> losses(-40.0, 30.0, 25.0, -15.0));
    assertEquals(List.of(), findings("wgan", extreme, levelRules.toArray(HealthRuleSpec[]::new)));
  }

  // ---- d-winning --------------------------------------------------------------------------------

  @Test
  void dWinningFiresAfterPatienceLoggedStepsOfASureDiscriminatorAndAStreakMustBeUnbroken() {
    Random r = Traces.noise(4);
    DiscriminatorWinningRule rule = new DiscriminatorWinningRule(null, null, null, null);
    List<Traces.Logged> trace = every(50, 30, s -> s <= 500 ? healthy(r) : losses(0.03, 4.0, 0.98, 0.02));
    List<Finding> found = findings("non-saturating", trace, rule);
    assertEquals(List.of(750L), steps(found), "winning from step 550, 5 logged steps in a row");
    assertEquals("d_fake", found.get(0).signal());
    assertTrue(found.get(0).seen().startsWith("D is winning: d_real 0.980, d_fake 0.020, d_loss 0.030 (balance 0.693)"),
        found.get(0).seen());
    List<Traces.Logged> broken = every(50, 30, s -> s <= 500 ? healthy(r)
        : s == 650 ? losses(0.2, 2.0, 0.9, 0.25) : losses(0.03, 4.0, 0.98, 0.02));
    assertEquals(List.of(900L), steps(findings("non-saturating", broken, rule)), "counted again from step 700");
  }

  @Test
  void dWinningReadsHingesMarginsAsTheSureScores() {
    List<Traces.Logged> trace = every(100, 8, s -> losses(0.0, -1.6, 1.5, -1.4));
    assertEquals(List.of(500L), steps(findings("hinge", trace, new DiscriminatorWinningRule(null, null, null, null))));
    List<Traces.Logged> probabilities = every(100, 8, s -> losses(0.03, 4.0, 0.98, 0.02));
    assertEquals(List.of(), findings("hinge", probabilities, new DiscriminatorWinningRule(null, null, null, null)),
        "0.98 / 0.02 are inside hinge's margins: D is not sure");
  }

  // ---- d-lost -----------------------------------------------------------------------------------

  /**
   * The 40,000-step ring run of experiments/ablations/RESULTS.md (ema-decay, seed 1, log-every
   * 2,000): from step 2,000 D called every fake real (D(G(z)) 0.994), D's loss 3.0 rising to 9.4, G's
   * loss 0.
   */
  static List<Traces.Logged> ringRunThatLostAtStep2000() {
    return every(2000, 20, s -> {
      double t = (s - 2000) / 38000.0;
      return losses(3.0 + 6.4 * t, 0.006 * (1 - t) + 1e-4, 0.995, 0.994 + 0.004 * Math.sin(s));
    });
  }

  @Test
  void dLostFiresOnTheSignatureOfTheRingRunWhoseDiscriminatorLostAtStep2000() {
    List<Traces.Logged> trace = ringRunThatLostAtStep2000();
    List<Finding> found = findings("non-saturating", trace, new DiscriminatorLostRule(null, null, null, null));
    assertEquals(List.of(6000L), steps(found), "three logged steps in a row: 2,000, 4,000 and 6,000");
    Finding f = found.get(0);
    assertEquals("d-lost", f.rule());
    assertEquals("d_fake", f.signal());
    assertTrue(f.seen().contains("D has lost, it scores the fakes as real: d_fake 0.99") && f.seen().contains("g_loss 0.00"),
        f.seen());
    assertEquals(Advice.D_LOST, f.advice());
    assertEquals(List.of(), findings("non-saturating", trace, new DiscriminatorWinningRule(null, null, null, null)));
  }

  @Test
  void dLostWithOnFailureStopThrowsAtThatStepNamingRuleFieldAndStep() {
    HealthMonitor m = Traces.monitor("non-saturating", new BalanceRule(null, null, null),
        new DiscriminatorLostRule(null, null, null, "stop"));
    List<Traces.Logged> trace = ringRunThatLostAtStep2000();
    m.observe(trace.get(0).step(), trace.get(0).values());
    m.observe(trace.get(1).step(), trace.get(1).values());
    HealthCheckFailure e = assertThrows(HealthCheckFailure.class, () -> m.observe(trace.get(2).step(), trace.get(2).values()));
    assertTrue(e.getMessage().startsWith("health rule d-lost (health.1) stopped the run at step 6000: D has lost"),
        e.getMessage());
  }

  @Test
  void dLostStaysQuietWhenDWins() {
    List<Traces.Logged> winning = every(50, 20, s -> losses(0.03, 4.0, 0.98, 0.02));
    assertEquals(List.of(), findings("non-saturating", winning, new DiscriminatorLostRule(null, null, null, null)));
  }

  // ---- g-loss-climbing --------------------------------------------------------------------------

  @Test
  void gLossClimbingFiresOnASteadyClimbUnderNoise() {
    Random r = Traces.noise(5);
    List<Traces.Logged> trace = every(50, 20, s -> losses(0.5, 0.7 + 0.035 * s / 50 + 0.05 * r.nextGaussian(), 0.6, 0.4));
    List<Finding> found = findings("non-saturating", trace, new GeneratorLossClimbingRule(null, null, null, null));
    assertTrue(!found.isEmpty(), "a climb of 0.7 over 20 logged steps under noise 0.05");
    assertEquals("g_loss", found.get(0).signal());
    assertTrue(found.get(0).step() >= 500, "not before the window of 10 is full");
    assertTrue(found.get(0).seen().startsWith("g_loss climbed steadily over the last 10 logged steps"), found.get(0).seen());
  }

  @Test
  void gLossClimbingStaysQuietOnNoiseWithSpikesAndOnAFallingLoss() {
    Random r = Traces.noise(6);
    GeneratorLossClimbingRule rule = new GeneratorLossClimbingRule(null, null, null, null);
    List<Traces.Logged> spiky = every(50, 40, s -> losses(0.6,
        s % 400 == 0 || s == 1950 ? 3.0 : 0.8 + 0.1 * r.nextGaussian(), 0.6, 0.4));
    assertEquals(List.of(), findings("non-saturating", spiky, rule));
    List<Traces.Logged> falling = every(50, 40, s -> losses(0.6, 2.0 - 0.03 * s / 50 + 0.05 * r.nextGaussian(), 0.6, 0.4));
    assertEquals(List.of(), findings("non-saturating", falling, rule));
  }

  // ---- collapse ---------------------------------------------------------------------------------

  @Test
  void collapseFiresWhenTheWatchedMetricStaysTheDropBelowItsBestForPatienceEvaluations() {
    List<Traces.Logged> trace = new ArrayList<>();
    double[] modes = {3, 2, 4, 8, 8, 7, 6, 6};
    for (int i = 0; i < modes.length; i++) {
      trace.add(new Traces.Logged(500L * (i + 1), losses(0.69, 0.8, 0.5, 0.5)));
      trace.add(new Traces.Logged(500L * (i + 1), Map.of("modes_captured", modes[i], "reverse_kl", 0.1)));
    }
    List<Finding> found = findings("non-saturating", trace, new CollapseRule("modes_captured", null, null, null, null));
    assertEquals(List.of(4000L), steps(found), "3 to 2 early is one evaluation; 7 of 8 is 12.5 % down; 6, 6 of 8 is 25 % twice");
    assertEquals("collapse/modes_captured", found.get(0).rule());
    assertEquals("health/collapse/modes_captured", found.get(0).tag());
    assertTrue(found.get(0).seen().startsWith("modes_captured fell to 6.000 from its best 8.000 at step 2000 (25 % worse; "
        + "2 evaluations in a row at least 25 % worse)"), found.get(0).seen());
    assertEquals(Advice.COLLAPSE, found.get(0).advice());
    List<Finding> once = findings("non-saturating", trace, new CollapseRule("modes_captured", null, null, 1, null));
    assertEquals(List.of(1000L, 3500L), steps(once), "with patience 1, the early dip counts too");
  }

  @Test
  void collapseOfALowerIsBetterMetricFiresWhenItRisesFromItsBest() {
    CollapseRule rule = new CollapseRule("fid", 0.25, "lower", null, null);
    List<Traces.Logged> fine = List.of(new Traces.Logged(100, Map.of("fid", 50.0)),
        new Traces.Logged(200, Map.of("fid", 30.0)), new Traces.Logged(300, Map.of("fid", 36.0)),
        new Traces.Logged(400, Map.of("fid", 40.0)));
    assertEquals(List.of(), findings("non-saturating", fine, rule), "36 is only 20 % above the best 30");
    List<Traces.Logged> worse = new ArrayList<>(fine);
    worse.add(new Traces.Logged(500, Map.of("fid", 45.0)));
    List<Finding> found = findings("non-saturating", worse, rule);
    assertEquals(List.of(500L), steps(found));
    assertTrue(found.get(0).seen().startsWith("fid rose to 45.000 from its best 30.000 at step 200 (50 % worse;"),
        found.get(0).seen());
  }

  // ---- all together -----------------------------------------------------------------------------

  @Test
  void aHealthyTraceWakesNoRule() {
    Random r = Traces.noise(7);
    List<Traces.Logged> trace = new ArrayList<>();
    for (Traces.Logged l : every(50, 80, s -> healthy(r))) {
      trace.add(l);
      if (l.step() % 500 == 0) {
        trace.add(new Traces.Logged(l.step(), Map.of("modes_captured", 8.0 - (r.nextDouble() < 0.2 ? 1 : 0))));
      }
    }
    assertEquals(List.of(), findings("non-saturating", trace, new BalanceRule(null, null, null),
        new DiscriminatorWinningRule(null, null, null, null), new DiscriminatorLostRule(null, null, null, null),
        new GeneratorLossClimbingRule(null, null, null, null), new CollapseRule("modes_captured", null, null, null, null)));
  }
}
