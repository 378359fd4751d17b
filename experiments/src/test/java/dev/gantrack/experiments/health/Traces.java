package dev.gantrack.experiments.health;

import com.google.inject.Key;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.health.Finding;
import dev.gantrack.api.health.HealthMonitor;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HealthRuleSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Constructed logs for the health rules: a trace is a list of logged steps, each a map of values;
 * {@link #findings} runs rules over it with a real {@link HealthMonitor}, with the loss of the
 * shipped ring experiment switched to {@code loss}.
 */
final class Traces {
  private static final PluginRegistry REGISTRY = PluginRegistry.discover(null);
  private static final Map<String, Experiment> EXPERIMENTS = new java.util.concurrent.ConcurrentHashMap<>();

  private Traces() {}

  /** One logged step. */
  record Logged(long step, Map<String, Double> values) {}

  /** Steps {@code every}, 2·{@code every}, ... {@code n}·{@code every}, each with {@code values} of its step. */
  static List<Logged> every(long every, int n, LongFunction<Map<String, Double>> values) {
    List<Logged> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new Logged(i * every, values.apply(i * every)));
    }
    return out;
  }

  /** d_loss, d_real, d_fake and g_loss in the order metrics logging sends them. */
  static Map<String, Double> losses(double dLoss, double gLoss, double dReal, double dFake) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("d_loss", dLoss);
    m.put("g_loss", gLoss);
    m.put("d_real", dReal);
    m.put("d_fake", dFake);
    return m;
  }

  /** A seeded source of noise. */
  static Random noise(long seed) {
    return new Random(seed);
  }

  /** The findings of {@code rules} (fields health.0, health.1, ...) over {@code trace}, with {@code loss}. */
  static List<Finding> findings(String loss, List<Logged> trace, HealthRuleSpec... rules) {
    HealthMonitor monitor = monitor(loss, rules);
    for (Logged l : trace) {
      monitor.observe(l.step(), l.values());
    }
    return monitor.findings();
  }

  /** A monitor of {@code rules}, made as a run with {@code loss} makes them, reporting to no tracker. */
  static HealthMonitor monitor(String loss, HealthRuleSpec... rules) {
    RunServices run = services(loss);
    List<HealthMonitor.Checked> checked = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      checked.add(new HealthMonitor.Checked(Role.HEALTH.path(i), rules[i].create(run), rules[i].stopsTheRun()));
    }
    return new HealthMonitor(checked, new Tracker() {});
  }

  private static Experiment ringWith(String loss) {
    try {
      return new ExperimentLoader(REGISTRY).load(TestFiles.repo().resolve("experiments/ring-ttur.yaml"),
          List.of("loss.type=" + loss)).experiment();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The services a rule is made with: the shipped ring experiment with {@code loss}. */
  static RunServices services(String loss) {
    Experiment experiment = EXPERIMENTS.computeIfAbsent(loss, Traces::ringWith);
    return new RunServices() {
      @Override
      public <T> T get(Class<T> type) {
        if (type == Experiment.class) {
          return type.cast(experiment);
        }
        throw new IllegalArgumentException("not bound here: " + type);
      }

      @Override
      public <T> T get(Key<T> key) {
        throw new IllegalArgumentException("not bound here: " + key);
      }
    };
  }
}
