package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.plugin.PluginJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guice assembles every run: a plugin jar built at test time gets the run's services injected, the
 * pieces of one run share the plugin's run-scoped singleton, two runs in one process share nothing,
 * and a piece that asks for a service nobody binds stops the run before it starts, naming its field.
 */
@Tag("slow")
class RunAssemblyTest {
  private static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("probe.SharedProbe", """
        package probe;

        import com.google.inject.Inject;
        import dev.gantrack.api.data.DataShape;
        import java.util.concurrent.atomic.AtomicInteger;

        /** One per run (the plugin binds it as a singleton); Guice injects the run's data shape. */
        public final class SharedProbe {
          private static final AtomicInteger MADE = new AtomicInteger();
          final int id = MADE.incrementAndGet();
          final int exampleLength;

          @Inject
          SharedProbe(DataShape shape) {
            this.exampleLength = shape.exampleLength();
          }
        }
        """);
    SOURCES.put("probe.ProbeSpec", """
        package probe;

        import ai.djl.Device;
        import com.fasterxml.jackson.annotation.JsonProperty;
        import dev.gantrack.api.TrainingSpec;
        import dev.gantrack.api.run.RunServices;
        import dev.gantrack.api.spec.HostMetricSpec;
        import dev.gantrack.api.track.Metric;
        import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

        /** Metric {@code probe}: reports what it was given by the run's injector. */
        public record ProbeSpec(@JsonProperty("name") String name) implements HostMetricSpec {
          @Override public int every() { return 0; }

          @Override
          public Metric create(RunServices run) {
            SharedProbe shared = run.get(SharedProbe.class);
            Device device = run.get(Device.class);
            int steps = run.get(TrainingSpec.class).steps();
            return context -> Map.of(
                name + "_shared_id", (double) shared.id,
                name + "_example_length", (double) shared.exampleLength,
                name + "_steps", (double) steps,
                name + "_on_cpu", device.isGpu() ? 0.0 : 1.0);
          }
        }
        """);
    SOURCES.put("probe.Unbound", """
        package probe;

        /** A service no module binds. */
        public interface Unbound {}
        """);
    SOURCES.put("probe.NeedsUnboundSpec", """
        package probe;

        import dev.gantrack.api.run.RunServices;
        import dev.gantrack.api.spec.HostMetricSpec;
        import dev.gantrack.api.track.Metric;

        /** Metric {@code needs-unbound}: asks for a service nobody binds. */
        public record NeedsUnboundSpec() implements HostMetricSpec {
          @Override public int every() { return 0; }

          @Override
          public Metric create(RunServices run) {
            run.get(Unbound.class);
            throw new AssertionError("unreachable");
          }
        }
        """);
    SOURCES.put("probe.ProbePlugin", """
        package probe;

        import com.google.inject.Binder;
        import com.google.inject.Singleton;
        import dev.gantrack.api.GantrackPlugin;
        import dev.gantrack.api.PluginKind;
        import dev.gantrack.api.PluginType;
        import java.util.List;

        public final class ProbePlugin implements GantrackPlugin {
          @Override
          public List<PluginType> types() {
            return List.of(
                PluginType.of(PluginKind.METRIC, "probe", ProbeSpec.class, "reports what the run injected"),
                PluginType.of(PluginKind.METRIC, "needs-unbound", NeedsUnboundSpec.class, "asks for an unbound service"));
          }

          @Override
          public void configure(Binder binder) {
            binder.bind(SharedProbe.class).in(Singleton.class);
          }
        }
        """);
  }

  private static final String EXPERIMENT = """
      name: probed
      seed: 3
      dataset: {type: ring}
      generator: {type: mlp, latent-dim: 4, hidden: 8, layers: 1, output: linear}
      discriminator: {type: mlp, hidden: 8, layers: 1}
      training: {steps: 6, batch-size: 8, log-every: 3, sample-every: 0}
      metrics:
        - {type: probe, name: a}
        - {type: probe, name: b}
      trackers:
        - {type: local}
      """;

  @TempDir static Path tmp;
  static Path plugins;
  static Path experiment;

  @BeforeAll
  static void buildPlugin() throws IOException {
    plugins = tmp.resolve("plugins");
    PluginJars.build(tmp.resolve("build"), plugins.resolve("probe.jar"), SOURCES, "probe.ProbePlugin");
    experiment = tmp.resolve("probed.yaml");
    Files.writeString(experiment, EXPERIMENT);
  }

  static String[] gantrack(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expected, code, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
    return new String[] {out.toString(), err.toString()};
  }

  /** Every metric value the run logged, by name (the last value of each). */
  static Map<String, Double> metrics(Path runs) throws IOException {
    Path run;
    try (Stream<Path> s = Files.list(runs.resolve("probed"))) {
      run = s.findFirst().orElseThrow();
    }
    Map<String, Double> out = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode row = json.readTree(line);
      row.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    }
    return out;
  }

  @Test
  void aPluginsPiecesGetTheRunsServicesAndShareOneSingletonPerRunAndRunsShareNothing() throws Exception {
    Path runs1 = tmp.resolve("runs1");
    Path runs2 = tmp.resolve("runs2");
    // one registry (one class loader for the plugin jar) and two runs in this process
    PluginRegistry registry = PluginRegistry.discover(plugins);
    ExperimentLoader loader = new ExperimentLoader(registry);
    ExperimentLoader.Loaded loaded = loader.load(experiment, List.of());
    Runner runner = new Runner(registry);
    for (Path runs : List.of(runs1, runs2)) {
      assertEquals(RunStatus.FINISHED, runner.run(loaded, List.of(), runs, new AtomicBoolean()).status());
    }
    Map<String, Double> first = metrics(runs1);
    Map<String, Double> second = metrics(runs2);
    for (Map<String, Double> m : List.of(first, second)) {
      assertEquals(2.0, m.get("a_example_length"), "the ring's points have 2 coordinates: " + m);
      assertEquals(6.0, m.get("a_steps"), m.toString());
      assertEquals(1.0, m.get("a_on_cpu"), m.toString());
      assertEquals(m.get("a_shared_id"), m.get("b_shared_id"), "both metrics of a run share one singleton: " + m);
    }
    assertNotEquals(first.get("a_shared_id"), second.get("a_shared_id"), "two runs share nothing");
  }

  @Test
  void aPluginModuleThatCannotBeInstalledStopsTheRunNamingThePluginAndItsJar() throws IOException {
    Path broken = tmp.resolve("broken-plugins");
    PluginJars.build(tmp.resolve("broken-build"), broken.resolve("broken.jar"), Map.of("broken.BrokenPlugin", """
        package broken;

        import com.google.inject.Binder;
        import dev.gantrack.api.GantrackPlugin;

        /** Binds one key twice: Guice refuses the module. */
        public final class BrokenPlugin implements GantrackPlugin {
          @Override
          public void configure(Binder binder) {
            binder.bind(String.class).toInstance("one");
            binder.bind(String.class).toInstance("two");
          }
        }
        """), "broken.BrokenPlugin");
    Path runs = tmp.resolve("runs-broken");
    String err = gantrack(2, "run", experiment.toString(), "--plugins", broken.toString(), "--runs", runs.toString(),
        "--set", "metrics=[]")[1];
    assertTrue(err.startsWith("error: " + experiment + ": cannot assemble the run: plugin broken.BrokenPlugin (broken.jar): "),
        err);
    assertTrue(err.contains("String"), err);
    assertEquals(1, err.strip().lines().count(), "one line: " + err);
    assertFalse(Files.exists(runs.resolve("probed")), "no run folder");
  }

  @Test
  void aPieceThatAsksForAnUnboundServiceStopsTheRunBeforeItStartsNamingItsField() throws IOException {
    Path runs = tmp.resolve("runs-unbound");
    String err = gantrack(2, "run", experiment.toString(), "--plugins", plugins.toString(), "--runs", runs.toString(),
        "--set", "metrics=[{type: needs-unbound}]")[1];
    assertTrue(err.startsWith("error: " + experiment + ": metrics.0: cannot build the metric: "), err);
    assertTrue(err.contains("probe.Unbound"), err);
    assertEquals(1, err.strip().lines().count(), "one line: " + err);
    assertFalse(Files.exists(runs.resolve("probed")), "no run folder");
  }
}
