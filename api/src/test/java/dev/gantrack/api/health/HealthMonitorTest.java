package dev.gantrack.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The monitor's bookkeeping: when rules are checked, what they see, what is reported, and its state. */
class HealthMonitorTest {
  /** Finds {@code x} above 1 at each of its last {@code n} logged values; recovers after {@code window} quiet checks. */
  record Above(String name, int n, int window) implements HealthRule {
    @Override
    public Set<String> signals() {
      return Set.of("x");
    }

    @Override
    public Optional<Finding> check(Signals s) {
      List<LoggedValue> v = s.latest("x", n);
      if (v.size() < n || v.stream().anyMatch(p -> p.value() <= 1)) {
        return Optional.empty();
      }
      return Optional.of(new Finding(s.step(), name, "x", v.get(n - 1).value(), "x above 1 " + n + " times", "lower x"));
    }
  }

  private static List<HealthMonitor.Checked> rules(boolean stop) {
    return List.of(new HealthMonitor.Checked("health.0", new Above("high", 2, 2), stop));
  }

  @Test
  void aFindingWarnsOnceSetsItsMetricToOneAndBackToZeroAfterAWindowOfChecksWithoutIt() {
    RecordingTracker t = new RecordingTracker();
    HealthMonitor m = new HealthMonitor(rules(false), t);
    double[] xs = {2, 3, 4, 0, 2, 2};
    for (int i = 0; i < xs.length; i++) {
      m.observe(10L * (i + 1), Map.of("x", xs[i]));
    }
    assertEquals(List.of(
        "20 metrics {health/high=1.0}",
        "20 warning health/high step 20: high: x above 1 2 times; usually helps: lower x",
        "50 metrics {health/high=0.0}",
        "60 metrics {health/high=1.0}",
        "60 warning health/high step 60: high: x above 1 2 times; usually helps: lower x"), t.calls);
    assertEquals(List.of(20L, 60L), m.findings().stream().map(Finding::step).toList());
  }

  @Test
  void aFindingThatReturnsBeforeTheRuleRecoveredDoesNotWarnAgain() {
    RecordingTracker t = new RecordingTracker();
    HealthMonitor m = new HealthMonitor(List.of(new HealthMonitor.Checked("health.0", new Above("high", 1, 3), false)), t);
    double[] xs = {2, 0, 2, 0, 0, 0, 2};
    for (int i = 0; i < xs.length; i++) {
      m.observe(i + 1, Map.of("x", xs[i]));
    }
    // found at 1; quiet at 2, found again at 3 (1 quiet check of the 3 needed): no warning;
    // quiet at 4, 5, 6: recovered at 6; found anew at 7
    assertEquals(List.of(1L, 7L), m.findings().stream().map(Finding::step).toList());
    assertEquals(List.of("1 metrics {health/high=1.0}", "6 metrics {health/high=0.0}", "7 metrics {health/high=1.0}"),
        t.calls.stream().filter(c -> c.contains(" metrics ")).toList());
  }

  @Test
  void aRuleIsCheckedOnlyAfterStepsThatLoggedWhatItReads() {
    RecordingTracker t = new RecordingTracker();
    HealthMonitor m = new HealthMonitor(rules(false), t);
    m.observe(10, Map.of("x", 5.0));
    m.observe(15, Map.of("modes_captured", 8.0)); // a metric step: the rule is not asked, so it does not clear
    m.observe(20, Map.of("x", 5.0));
    m.observe(25, Map.of("modes_captured", 8.0));
    assertEquals(1, m.findings().size());
    assertEquals(20, m.findings().get(0).step());
    assertEquals(2, t.calls.size(), t.calls.toString());
  }

  @Test
  void aStoppingRuleReportsItsFindingThenThrowsNamingRuleFieldAndStep() {
    RecordingTracker t = new RecordingTracker();
    HealthMonitor m = new HealthMonitor(rules(true), t);
    m.observe(100, Map.of("x", 5.0));
    HealthCheckFailure e = assertThrows(HealthCheckFailure.class, () -> m.observe(200, Map.of("x", 5.0)));
    assertEquals("health rule high (health.0) stopped the run at step 200: x above 1 2 times; usually helps: lower x",
        e.getMessage());
    assertEquals(200, e.finding().step());
    assertEquals(2, t.calls.size(), "the warning reached the trackers before the run stops: " + t.calls);
  }

  @Test
  void nonFiniteValuesAreNotKeptAndExtremesRememberTheirStep() {
    HealthMonitor m = new HealthMonitor(rules(false), new RecordingTracker());
    m.observe(1, Map.of("x", 0.5));
    m.observe(2, Map.of("x", Double.NaN));
    m.observe(3, Map.of("x", 3.0));
    m.observe(4, Map.of("x", Double.POSITIVE_INFINITY));
    HealthState.SignalTrace x = m.state().signals().get("x");
    assertEquals(List.of(new LoggedValue(1, 0.5), new LoggedValue(3, 3.0)), x.latest());
    assertEquals(new LoggedValue(3, 3.0), x.highest());
    assertEquals(new LoggedValue(1, 0.5), x.lowest());
  }

  @Test
  void aRuleWhoseSignalsWereNeverLoggedIsNamedAtTheEnd() {
    RecordingTracker t = new RecordingTracker();
    HealthMonitor m = new HealthMonitor(rules(false), t);
    m.observe(10, Map.of("d_loss", 0.7));
    m.end(10);
    assertEquals(List.of("health rule high (health.0) was never checked: the run logged none of x"), t.warnings);
  }

  /** A trace long enough to fire, clear and fire again, split at every point. */
  @Test
  void stateSavedAsJsonAndRestoredInANewMonitorContinuesExactlyAsTheUninterruptedMonitor() throws Exception {
    double[] xs = {2, 3, 0, 5, 6, 7, 0.5, 2, 2, 9};
    RecordingTracker whole = new RecordingTracker();
    HealthMonitor uninterrupted = new HealthMonitor(rules(false), whole);
    for (int i = 0; i < xs.length; i++) {
      uninterrupted.observe(i + 1, Map.of("x", xs[i], "y", (double) -i));
    }
    ObjectMapper json = new ObjectMapper();
    for (int cut = 0; cut <= xs.length; cut++) {
      RecordingTracker split = new RecordingTracker();
      HealthMonitor before = new HealthMonitor(rules(false), split);
      for (int i = 0; i < cut; i++) {
        before.observe(i + 1, Map.of("x", xs[i], "y", (double) -i));
      }
      String saved = json.writeValueAsString(before.state());
      HealthMonitor after = new HealthMonitor(rules(false), split);
      after.restore(json.readValue(saved, HealthState.class));
      assertEquals(before.state(), after.state(), "cut " + cut + ": " + saved);
      for (int i = cut; i < xs.length; i++) {
        after.observe(i + 1, Map.of("x", xs[i], "y", (double) -i));
      }
      assertEquals(whole.calls, split.calls, "cut " + cut);
      assertEquals(uninterrupted.state(), after.state(), "cut " + cut);
    }
    assertTrue(whole.calls.size() >= 5, whole.calls.toString());
  }

  @Test
  void theMonitorKeepsTheLongestWindowOfItsRules() {
    HealthMonitor m = new HealthMonitor(List.of(
        new HealthMonitor.Checked("health.0", new Above("a", 3, 3), false),
        new HealthMonitor.Checked("health.1", new Above("b", 5, 5), false)), new RecordingTracker());
    for (int i = 1; i <= 9; i++) {
      m.observe(i, Map.of("x", (double) i));
    }
    assertEquals(List.of(5.0, 6.0, 7.0, 8.0, 9.0),
        m.state().signals().get("x").latest().stream().map(LoggedValue::value).toList());
  }
}
