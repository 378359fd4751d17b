package dev.gantrack.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Third-party plugin jars compiled at test time, as a user would drop them into a plugins folder. */
public final class TestPlugins {
  private TestPlugins() {}

  /**
   * Compiles a one-class plugin (loss {@code scaled-minimax}: minimax BCE times {@code scale}) with
   * its {@code META-INF/services} entry into {@code jar}, under package {@code pkg}; sources and
   * classes go to {@code work}.
   */
  public static void buildScaledMinimaxJar(Path work, Path jar, String pkg) throws IOException {
    Path src = work.resolve("src-" + pkg);
    Path classes = work.resolve("classes-" + pkg);
    Files.createDirectories(src.resolve(pkg));
    Files.createDirectories(classes);
    Path spec = src.resolve(pkg + "/ScaledMinimax.java");
    Files.writeString(spec, """
        package PKG;

        import ai.djl.ndarray.NDArray;
        import ai.djl.nn.Activation;
        import com.fasterxml.jackson.annotation.JsonProperty;
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
          public Loss create() {
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
}
