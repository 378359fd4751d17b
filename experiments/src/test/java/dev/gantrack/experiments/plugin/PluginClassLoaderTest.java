package dev.gantrack.experiments.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.experiments.file.ExperimentLoader;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar's class loader shares only the SPI and the libraries the SPI exposes with gantrack;
 * gantrack's internals are out of its reach, and everything else it uses is its own. The plugin
 * under test, built at test time, reports what it gets when it loads a class by name.
 */
class PluginClassLoaderTest {
  private static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("iso.ProbeLoss", """
        package iso;

        import ai.djl.ndarray.NDArray;
        import com.fasterxml.jackson.annotation.JsonProperty;
        import dev.gantrack.api.Checks;
        import dev.gantrack.api.run.RunServices;
        import dev.gantrack.api.spec.LossSpec;
        import dev.gantrack.djl.spi.DjlLossSpec;
        import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;

        /** Loss {@code probe-loss}: non-saturating BCE times a weight. */
        public record ProbeLoss(@JsonProperty("weight") Double weight) implements LossSpec, DjlLossSpec {
          public ProbeLoss {
            weight = Checks.range("weight", weight, 1.0, 0.0, 10.0);
          }

          @Override
          public Loss create(RunServices run) {
            float w = weight.floatValue();
            return new Loss() {
              @Override
              public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
                return BinaryCrossEntropy.discriminator(real, fake, t).mul(w);
              }

              @Override
              public NDArray generator(NDArray fake, Targets t) {
                return BinaryCrossEntropy.ofLogits(fake, t.real()).mean().mul(w);
              }
            };
          }
        }
        """);
    SOURCES.put("iso.IsolationProbe", """
        package iso;

        import dev.gantrack.api.GantrackPlugin;
        import dev.gantrack.api.PluginKind;
        import dev.gantrack.api.PluginType;
        import java.util.List;
        import java.util.function.Function;

        /** Contributes {@code probe-loss}; {@link #apply} loads a class by name as the plugin's code would. */
        public final class IsolationProbe implements GantrackPlugin, Function<String, Object> {
          @Override
          public List<PluginType> types() {
            return List.of(PluginType.of(PluginKind.LOSS, "probe-loss", ProbeLoss.class, "BCE times a weight"));
          }

          /** The class {@code name} as this plugin's class loader gives it, or what loading it threw. */
          @Override
          public Object apply(String name) {
            try {
              return Class.forName(name, false, IsolationProbe.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
              return e;
            }
          }
        }
        """);
    // the plugin's own copy of a library gantrack has too (it stands for a bundled, older jackson-databind)
    SOURCES.put("com.fasterxml.jackson.databind.cfg.PackageVersion", """
        package com.fasterxml.jackson.databind.cfg;

        /** The plugin's own copy. */
        public final class PackageVersion {
          public static String bundled() {
            return "2.9.10, bundled by the plugin";
          }
        }
        """);
    // a copy of a class in a package the plugin shares with gantrack (as when a jar bundles slf4j-api)
    SOURCES.put("org.slf4j.LoggerFactory", """
        package org.slf4j;

        /** A copy inside the plugin jar. */
        public final class LoggerFactory {}
        """);
  }

  @TempDir static Path tmp;
  static Path jar;
  static PluginRegistry registry;
  static Function<String, Object> plugin;
  static ClassLoader pluginLoader;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void buildPlugin() throws IOException {
    jar = PluginJars.build(tmp.resolve("build"), tmp.resolve("plugins/iso.jar"), SOURCES, "iso.IsolationProbe");
    registry = PluginRegistry.discover(jar.getParent());
    GantrackPlugin probe = registry.plugins().stream()
        .filter(p -> p.getClass().getName().equals("iso.IsolationProbe")).findFirst().orElseThrow();
    plugin = (Function<String, Object>) probe;
    pluginLoader = probe.getClass().getClassLoader();
    assertInstanceOf(PluginClassLoader.class, pluginLoader);
  }

  static Class<?> hosts(String name) throws ClassNotFoundException {
    return Class.forName(name, false, PluginClassLoaderTest.class.getClassLoader());
  }

  @Test
  void aPluginGetsClassNotFoundForGantracksInternalsAndTheLibrariesGantrackUsesPrivately() throws Exception {
    List<String> hidden = List.of(
        "dev.gantrack.djl.builtins.loss.MinimaxLoss",        // a built-in plugin
        "dev.gantrack.experiments.cli.Gantrack",             // the CLI
        "dev.gantrack.experiments.plugin.PluginRegistry",    // the host
        "dev.gantrack.djl.train.DjlRunModule",               // the engine
        "dev.gantrack.trackers.LocalTrackerSpec",            // a tracker
        "ai.djl.pytorch.engine.PtEngine",                    // DJL's PyTorch engine, not DJL's api
        "com.fasterxml.jackson.databind.ObjectMapper",       // databind is not part of the SPI
        "com.google.common.collect.ImmutableList",           // Guava, which Guice uses internally
        "picocli.CommandLine");
    for (String name : hidden) {
      assertNotNull(hosts(name), "gantrack has " + name);
      assertInstanceOf(ClassNotFoundException.class, plugin.apply(name), name);
    }
  }

  @Test
  void aPluginSharesTheSpiAndTheLibrariesTheSpiExposesWithGantrack() throws Exception {
    List<String> shared = List.of(
        "dev.gantrack.api.spec.LossSpec", "dev.gantrack.api.Checks", "dev.gantrack.api.run.RunServices",
        "dev.gantrack.djl.spi.DjlLossSpec", "dev.gantrack.djl.spi.layers.Layers",
        "dev.gantrack.djl.spi.listener.GanTrainingListener",
        "ai.djl.Device", "ai.djl.ndarray.NDArray", "ai.djl.nn.Block", "ai.djl.training.ParameterStore",
        "com.google.inject.Binder", "com.google.inject.multibindings.Multibinder", "jakarta.inject.Inject",
        "org.aopalliance.intercept.MethodInterceptor", "com.fasterxml.jackson.annotation.JsonProperty",
        "org.slf4j.Logger", "java.util.List", "javax.tools.ToolProvider");
    for (String name : shared) {
      assertSame(hosts(name), plugin.apply(name), name);
    }
  }

  @Test
  void aPluginsSpecIsALossSpecOfGantrackAndGantracksDatabindBindsIt() throws Exception {
    PluginType type = registry.find(PluginKind.LOSS, "probe-loss").orElseThrow();
    assertSame(pluginLoader, type.specClass().getClassLoader());
    assertTrue(LossSpec.class.isAssignableFrom(type.specClass()));
    assertTrue(DjlLossSpec.class.isAssignableFrom(type.specClass()));
    // bound by gantrack's ObjectMapper through the shared annotations, whatever databind the jar bundles
    LossSpec spec = new ExperimentLoader(registry).mapper()
        .readValue("{\"type\": \"probe-loss\", \"weight\": 0.25}", LossSpec.class);
    assertSame(type.specClass(), spec.getClass());
    assertEquals(0.25, spec.getClass().getMethod("weight").invoke(spec));
  }

  @Test
  void aPluginBundlingItsOwnCopyOfALibraryGantrackHasUsesItsOwn() throws Exception {
    String name = "com.fasterxml.jackson.databind.cfg.PackageVersion";
    Class<?> own = assertInstanceOf(Class.class, plugin.apply(name));
    assertSame(pluginLoader, own.getClassLoader());
    assertNotSame(hosts(name), own);
    assertEquals("2.9.10, bundled by the plugin", own.getMethod("bundled").invoke(null));
    assertEquals("2.18.2", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), "gantrack's own stays");
  }

  @Test
  void aCopyOfASharedClassInsideTheJarIsNeverUsed() throws Exception {
    String name = "org.slf4j.LoggerFactory";
    try (JarFile file = new JarFile(jar.toFile())) {
      assertNotNull(file.getEntry("org/slf4j/LoggerFactory.class"), "the jar bundles a copy");
    }
    assertSame(hosts(name), plugin.apply(name));
  }

  @Test
  void theJarsOwnServicesAndResourcesAreFoundAndGantracksOthersAreNot() throws IOException {
    List<URL> services = Collections.list(pluginLoader.getResources("META-INF/services/dev.gantrack.api.GantrackPlugin"));
    assertEquals(1, services.size(), "only the jar's own, not gantrack's built-ins: " + services);
    assertTrue(services.get(0).toString().endsWith("iso.jar!/META-INF/services/dev.gantrack.api.GantrackPlugin"),
        services.toString());
    assertNotNull(pluginLoader.getResource("iso/ProbeLoss.class"));
    ClassLoader host = PluginClassLoaderTest.class.getClassLoader();
    assertNotNull(host.getResource("gantrack-defaults.yaml"));
    assertNull(pluginLoader.getResource("gantrack-defaults.yaml"), "gantrack's own files are not the plugin's");
    assertEquals(host.getResource("org/slf4j/Logger.class"), pluginLoader.getResource("org/slf4j/Logger.class"));
  }

  @Test
  void everyPackageOfDjlsApiJarIsSharedAndNoneOfItsPyTorchEnginesIs() throws Exception {
    for (Class<?> inJar : List.of(ai.djl.Device.class, hosts("ai.djl.pytorch.engine.PtEngine"))) {
      boolean api = inJar == ai.djl.Device.class;
      int classes = 0;
      try (JarFile file = new JarFile(Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
        for (JarEntry e : Collections.list(file.entries())) {
          String n = e.getName();
          if (n.endsWith(".class") && !n.endsWith("module-info.class")) {
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            assertEquals(api, PluginClassLoader.sharedClass(className), className);
            classes++;
          }
        }
      }
      assertTrue(classes > 10, inJar + ": " + classes);
    }
    assertFalse(PluginClassLoader.sharedClass("ai.djl.basicdataset.cv.classification.Mnist"), "a DJL extension a plugin may bundle");
  }
}
