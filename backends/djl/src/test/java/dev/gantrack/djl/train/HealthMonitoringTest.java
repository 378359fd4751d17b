package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.health.Finding;
import dev.gantrack.api.health.HealthCheckFailure;
import dev.gantrack.api.health.HealthRule;
import dev.gantrack.api.health.Signals;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HealthRuleSpec;
import dev.gantrack.api.spec.HostMetricSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health listener in a real run of the engine: its rules see what metrics logging sent the
 * trackers at {@code log-every} and what a metric logged at its own steps, the very values, and its
 * findings reach the trackers; {@code on-failure: stop} ends the run.
 */
class HealthMonitoringTest {
  static final List<String> CHECKS = new ArrayList<>();

  @TempDir Path tmp;

  /** A metric logging {@code probe} = the step, every {@code every} steps. */
  record Probe(int every) implements HostMetricSpec {
    @Override
    public Metric create(RunServices run) {
      return context -> Map.of("probe", (double) context.step());
    }
  }

  /** Records each check; finds something whenever {@code probe} was just logged. */
  record Watcher(String onFailure) implements HealthRuleSpec {
    @Override
    public HealthRule create(RunServices run) {
      return new HealthRule() {
        @Override
        public String name() {
          return "watcher";
        }

        @Override
        public Set<String> signals() {
          return Set.of("d_loss", "probe");
        }

        @Override
        public int window() {
          return 1;
        }

        @Override
        public Optional<Finding> check(Signals s) {
          CHECKS.add(s.step() + " d_loss " + (s.loggedNow("d_loss") ? s.latest("d_loss", 1).get(0).value() : "-")
              + " probe " + (s.loggedNow("probe") ? s.latest("probe", 1).get(0).value() : "-"));
          return s.loggedNow("probe")
              ? Optional.of(new Finding(s.step(), "watcher", "probe", 1, "probe logged", "nothing"))
              : Optional.empty();
        }
      };
    }
  }

  /** Keeps the d_loss values and the warnings the trackers receive. */
  static final class Recording implements Tracker {
    final List<String> dLoss = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void onMetrics(long step, Map<String, Double> metrics) {
      if (metrics.containsKey("d_loss")) {
        dLoss.add(step + " d_loss " + metrics.get("d_loss"));
      }
    }

    @Override
    public void onWarning(long step, String tag, String message) {
      warnings.add(step + " " + tag + " " + message);
    }
  }

  static Experiment experiment(String onFailure) {
    return new Experiment("health", null, "djl", "cpu", 4L, new RingPoints(),
        new MlpGenerator(4, 8, 1, "none", null, null, "linear", null), new MlpDiscriminator(8, 1, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(null, null, 1), null, new TrainingSpec(20, 8, 5, 0, 2, 0, 0, 0.0),
        List.of(new Probe(7)), List.of(new Watcher(onFailure)), List.of());
  }

  @Test
  void rulesSeeTheLoggedStepValuesAndMetricValuesAtTheirStepsAndFindingsReachTheTrackers() {
    CHECKS.clear();
    Recording tracker = new Recording();
    try (TestRun run = TestRun.of(experiment("warn"), new RingPoints(), tmp, tracker)) {
      run.trainer().run();
    }
    List<String> steps = CHECKS.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
    assertEquals(List.of("5", "7", "10", "14", "15", "20"), steps, "log-every 5, the metric every 7, both at the last");
    List<String> seen = CHECKS.stream().filter(c -> !c.contains("d_loss -")).map(c -> c.substring(0, c.indexOf(" probe"))).toList();
    assertEquals(tracker.dLoss, seen, "the very d_loss values the trackers got");
    assertTrue(CHECKS.get(5).endsWith("probe 20.0") && !CHECKS.get(5).contains("d_loss -"), CHECKS.get(5));
    // found at 7 (probe), quiet at 10 (window 1: recovered), found at 14, quiet at 15, found at 20
    assertEquals(List.of("7 health/watcher step 7: watcher: probe logged; usually helps: nothing",
        "14 health/watcher step 14: watcher: probe logged; usually helps: nothing",
        "20 health/watcher step 20: watcher: probe logged; usually helps: nothing"), tracker.warnings);
  }

  @Test
  void aStoppingRuleEndsTheRunAtItsFinding() {
    CHECKS.clear();
    Recording tracker = new Recording();
    try (TestRun run = TestRun.of(experiment("stop"), new RingPoints(), tmp, tracker)) {
      HealthCheckFailure e = assertThrows(HealthCheckFailure.class, () -> run.trainer().run());
      assertEquals("health rule watcher (health.0) stopped the run at step 7: probe logged; usually helps: nothing",
          e.getMessage());
      assertEquals(7, run.trainer().step());
    }
    assertEquals(1, tracker.warnings.size());
  }
}
