package dev.gantrack.experiments.plugin;

import dev.gantrack.djl.builtins.loss.MinimaxLoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.experiments.cli.Gantrack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in plugin types are found on the class path; third-party jars in a plugins folder add more. */
class PluginDiscoveryTest {
  private static final String RING = """
      name: ring-scaled
      seed: 5
      dataset: {type: ring}
      generator: {type: mlp, latent-dim: 4, hidden: 16, layers: 1, output: linear}
      discriminator: {type: mlp, hidden: 16, layers: 1}
      loss: {type: scaled-minimax, scale: 0.5}
      training: {steps: 20, batch-size: 16, log-every: 5, sample-every: 0}
      trackers:
        - {type: local}
      """;

  @TempDir static Path tmp;
  static Path plugins;
  static Path experiment;

  /** Compiles a one-class plugin into {@code jar} at test time. */
  static void buildPluginJar(Path jar, String pkg) throws IOException {
    PluginJars.scaledMinimax(tmp, jar, pkg);
  }

  @BeforeAll
  static void compilePlugin() throws IOException {
    plugins = Files.createDirectories(tmp.resolve("plugins"));
    buildPluginJar(plugins.resolve("scaled-loss-plugin.jar"), "ext.scaled");
    experiment = tmp.resolve("ring-scaled.yaml");
    Files.writeString(experiment, RING);
  }

  static String[] gantrack(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expected, code, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void everyBuiltInTypeIsDiscoveredOnTheClassPath() {
    PluginRegistry r = PluginRegistry.discover(null);
    Map<PluginKind, List<String>> expected = Map.of(
        PluginKind.GENERATOR, List.of("dcgan", "mlp"),
        PluginKind.DISCRIMINATOR, List.of("dcgan", "mlp"),
        PluginKind.LOSS, List.of("hinge", "lsgan", "minimax", "non-saturating", "relativistic",
            "relativistic-average", "wgan", "wgan-gp"),
        PluginKind.PENALTY, List.of("gp", "r1", "r2"),
        PluginKind.LABEL_SMOOTHING, List.of("none"),
        PluginKind.NOISE, List.of("normal"),
        PluginKind.TTUR, List.of("separate"),
        PluginKind.DATASET, List.of("grid", "idx", "image-folder", "ring"),
        PluginKind.TRACKER, List.of("console", "local", "mlflow", "tensorboard"),
        PluginKind.METRIC, List.of("mode-coverage"));
    for (Map.Entry<PluginKind, List<String>> e : expected.entrySet()) {
      List<String> names = r.names(e.getKey());
      assertTrue(names.containsAll(e.getValue()), e.getKey().id() + ": " + names);
    }
    assertEquals(List.of("hinge", "lsgan", "minimax", "non-saturating", "relativistic", "relativistic-average",
        "wgan", "wgan-gp"), r.names(PluginKind.LOSS));
    assertEquals(List.of("balance", "collapse", "d-lost", "d-winning", "g-loss-climbing"), r.names(PluginKind.HEALTH_RULE));
    assertTrue(r.backendNames().contains("djl"), r.backendNames().toString());
    assertTrue(r.find(PluginKind.LOSS, "scaled-minimax").isEmpty(), "not without the plugins folder");
  }

  @Test
  void jarInPluginsFolderAddsItsTypeWithTheJarAsSource() {
    PluginRegistry r = PluginRegistry.discover(plugins);
    PluginType t = r.find(PluginKind.LOSS, "scaled-minimax").orElseThrow();
    assertEquals("ext.scaled.ScaledMinimax", t.specClass().getName());
    assertTrue(LossSpec.class.isAssignableFrom(t.specClass()));
    assertEquals("ext.scaled.ScaledMinimax (scaled-loss-plugin.jar)", r.source(t));
    assertEquals(List.of("hinge", "lsgan", "minimax", "non-saturating", "relativistic", "relativistic-average",
        "scaled-minimax", "wgan", "wgan-gp"),
        r.names(PluginKind.LOSS));
    String listing = gantrack(0, "plugins", "--kind", "loss", "--plugins", plugins.toString())[0];
    assertTrue(listing.contains("scaled-minimax") && listing.contains("scaled-loss-plugin.jar"), listing);
    assertTrue(listing.contains("scale"), listing);
  }

  @Test
  void validateAcceptsThePluginLossOnlyWithThePluginsFolder() throws IOException {
    String out = gantrack(0, "validate", experiment.toString(), "--plugins", plugins.toString())[0];
    assertTrue(out.contains(": ok (ring-scaled"), out);
    Path empty = Files.createDirectories(tmp.resolve("no-plugins"));
    String err = gantrack(2, "validate", experiment.toString(), "--plugins", empty.toString())[1];
    assertTrue(err.contains("loss.type: unknown loss type 'scaled-minimax'"), err);
    String bad = gantrack(2, "validate", experiment.toString(), "--plugins", plugins.toString(),
        "--set", "loss.scale=50")[1];
    // the plugin refuses with a plain IllegalArgumentException: reported at its section, message as it is
    assertTrue(bad.contains("loss: scale: 50.0 is out of range"), bad);
  }

  @Test
  void twoJarsClaimingOneNameFailNamingBothJars() throws IOException {
    Path both = Files.createDirectories(tmp.resolve("plugins-clash"));
    Files.copy(plugins.resolve("scaled-loss-plugin.jar"), both.resolve("a-scaled.jar"));
    buildPluginJar(both.resolve("b-other.jar"), "other.scaled");
    PluginConflictException ex = assertThrows(PluginConflictException.class, () -> PluginRegistry.discover(both));
    assertTrue(ex.getMessage().contains("loss type 'scaled-minimax'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("a-scaled.jar") && ex.getMessage().contains("b-other.jar"), ex.getMessage());
    String err = gantrack(2, "validate", experiment.toString(), "--plugins", both.toString())[1];
    assertTrue(err.contains("a-scaled.jar") && err.contains("b-other.jar"), err);
  }

  /** A test-only loss spec. */
  public record DupLoss() implements LossSpec {}

  /** Another test-only loss spec. */
  public record OtherDupLoss() implements LossSpec {}

  @Test
  void twoPluginsClaimingTheSameNameFailNamingBothSources() {
    GantrackPlugin first = new GantrackPlugin() {
      @Override
      public List<PluginType> types() {
        return List.of(PluginType.of(PluginKind.LOSS, "dup-loss", DupLoss.class, "first"));
      }
    };
    GantrackPlugin second = new GantrackPlugin() {
      @Override
      public List<PluginType> types() {
        return List.of(PluginType.of(PluginKind.LOSS, "dup-loss", OtherDupLoss.class, "second"));
      }
    };
    PluginConflictException ex = assertThrows(PluginConflictException.class,
        () -> PluginRegistry.of(List.of(first, second)));
    String where = PluginRegistry.sourceOf(PluginDiscoveryTest.class);
    assertTrue(ex.getMessage().contains("two plugins register loss type 'dup-loss'"), ex.getMessage());
    assertTrue(ex.getMessage().contains(": " + where + " and " + where + ";"), ex.getMessage());

    // clashing with a built-in names the built-in's module and the newcomer's
    List<GantrackPlugin> all = new ArrayList<>(PluginLoader.load(null));
    all.add(new GantrackPlugin() {
      @Override
      public List<PluginType> types() {
        return List.of(PluginType.of(PluginKind.LOSS, "minimax", DupLoss.class, "impostor"));
      }
    });
    PluginConflictException builtIn = assertThrows(PluginConflictException.class, () -> PluginRegistry.of(all));
    String djl = PluginRegistry.sourceOf(dev.gantrack.djl.builtins.loss.MinimaxLoss.class);
    assertTrue(builtIn.getMessage().contains("loss type 'minimax': " + djl + " and " + where), builtIn.getMessage());
  }

  @Test
  @Tag("slow")
  void runTrainsWithThePluginLoss() throws IOException {
    Path runs = tmp.resolve("runs");
    gantrack(0, "run", experiment.toString(), "--plugins", plugins.toString(), "--set", "training.steps=20",
        "--runs", runs.toString());
    List<Path> metrics;
    try (Stream<Path> s = Files.walk(runs)) {
      metrics = s.filter(p -> p.getFileName().toString().equals("metrics.jsonl")).toList();
    }
    assertEquals(1, metrics.size(), metrics.toString());
    List<String> lines = Files.readAllLines(metrics.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("d_loss")), lines.toString());
    String provenance = Files.readString(metrics.get(0).resolveSibling("provenance.json"));
    assertTrue(provenance.contains("scaled-minimax = ext.scaled.ScaledMinimax (scaled-loss-plugin.jar)"), provenance);
  }
}
