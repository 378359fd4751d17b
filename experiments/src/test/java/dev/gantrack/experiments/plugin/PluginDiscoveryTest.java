package dev.gantrack.experiments.plugin;

import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.builtins.loss.MinimaxLoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.experiments.cli.Gantrack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
    Path src = tmp.resolve("src-" + pkg);
    Path classes = tmp.resolve("classes-" + pkg);
    Files.createDirectories(src.resolve(pkg));
    Files.createDirectories(classes);
    Path spec = src.resolve(pkg + "/ScaledMinimax.java");
    Files.writeString(spec, """
        package PKG;

        import ai.djl.ndarray.NDArray;
        import ai.djl.nn.Activation;
        import com.fasterxml.jackson.annotation.JsonProperty;
        import dev.gantrack.api.run.RunServices;
        import dev.gantrack.api.spec.LossSpec;
        import dev.gantrack.djl.spi.DjlLossSpec;

        /** minimax BCE, both losses multiplied by a scale. */
        public record ScaledMinimax(@JsonProperty("scale") Double scale) implements LossSpec, DjlLossSpec {
          public ScaledMinimax {
            scale = scale == null ? 1.0 : scale;
            if (!(scale > 0 && scale <= 10)) {
              throw new IllegalArgumentException("scale: " + scale + " is out of range; allowed 0 to 10");
            }
          }

          @Override
          public Loss create(RunServices run) {
            float s = scale.floatValue();
            return new Loss() {
              @Override
              public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
                NDArray r = Activation.softPlus(real).sub(real.mul(t.real())).mean();
                NDArray f = Activation.softPlus(fake).sub(fake.mul(t.fake())).mean();
                return r.add(f).mul(0.5f * s);
              }

              @Override
              public NDArray generator(NDArray fake, Targets t) {
                return Activation.softPlus(fake).neg().mean().mul(s);
              }
            };
          }
        }
        """.replace("PKG", pkg));
    Path plugin = src.resolve(pkg + "/ScaledPlugin.java");
    Files.writeString(plugin, """
        package PKG;

        import dev.gantrack.api.GantrackPlugin;
        import dev.gantrack.api.PluginKind;
        import dev.gantrack.api.PluginType;
        import java.util.List;

        public final class ScaledPlugin implements GantrackPlugin {
          @Override
          public List<PluginType> types() {
            return List.of(PluginType.of(PluginKind.LOSS, "scaled-minimax", ScaledMinimax.class, "minimax times a scale"));
          }
        }
        """.replace("PKG", pkg));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK");
    StringWriter diagnostics = new StringWriter();
    int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
        "--release", "17", "-proc:none", spec.toString(), plugin.toString());
    assertEquals(0, rc, "plugin sources must compile " + diagnostics);
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(classes)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/dev.gantrack.api.GantrackPlugin"));
      out.write((pkg + ".ScaledPlugin\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
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
        PluginKind.LOSS, List.of("hinge", "lsgan", "minimax", "non-saturating", "wgan", "wgan-gp"),
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
    assertEquals(List.of("hinge", "lsgan", "minimax", "non-saturating", "wgan", "wgan-gp"), r.names(PluginKind.LOSS));
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
    assertEquals(List.of("hinge", "lsgan", "minimax", "non-saturating", "scaled-minimax", "wgan", "wgan-gp"),
        r.names(PluginKind.LOSS));
    String listing = gantrack(0, "plugins", "--kind", "loss", "--plugins", plugins.toString())[0];
    assertTrue(listing.contains("scaled-minimax") && listing.contains("scaled-loss-plugin.jar"), listing);
    assertTrue(listing.contains("scale"), listing);
  }

  @Test
  void validateAcceptsThePluginLossOnlyWithThePluginsFolder() {
    String out = gantrack(0, "validate", experiment.toString(), "--plugins", plugins.toString())[0];
    assertTrue(out.contains(": ok (ring-scaled"), out);
    String err = gantrack(2, "validate", experiment.toString(), "--plugins", tmp.resolve("none").toString())[1];
    assertTrue(err.contains("loss.type: unknown loss type 'scaled-minimax'"), err);
    String bad = gantrack(2, "validate", experiment.toString(), "--plugins", plugins.toString(),
        "--set", "loss.scale=50")[1];
    assertTrue(bad.contains("loss.scale: 50.0 is out of range"), bad);
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
