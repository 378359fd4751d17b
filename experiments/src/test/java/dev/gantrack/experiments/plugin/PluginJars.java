package dev.gantrack.experiments.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars built at test time, as a third party builds one: sources compiled against the test class path. */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name → source) in {@code work} and writes {@code jar} with the
   * classes and a {@code META-INF/services} entry naming {@code pluginClass}.
   */
  public static Path build(Path work, Path jar, Map<String, String> sources, String pluginClass) throws IOException {
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d",
        classes.toString(), "--release", "17", "-proc:none"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK");
    StringWriter diagnostics = new StringWriter();
    int rc = javac.getTask(diagnostics, null, null, args.subList(0, 7), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjectsFromStrings(args.subList(7, args.size()))).call() ? 0 : 1;
    assertEquals(0, rc, "plugin sources must compile: " + diagnostics);
    Files.createDirectories(jar.getParent());
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
      out.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * A one-class plugin as a third party writes it: loss {@code scaled-minimax} (minimax BCE, both
   * losses times {@code scale}, which it checks with a plain IllegalArgumentException), in package
   * {@code pkg}, compiled in {@code work} into {@code jar}.
   */
  public static Path scaledMinimax(Path work, Path jar, String pkg) throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(pkg + ".ScaledMinimax", """
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
    sources.put(pkg + ".ScaledPlugin", """
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
    return build(work.resolve("build-" + pkg), jar, sources, pkg + ".ScaledPlugin");
  }
}
