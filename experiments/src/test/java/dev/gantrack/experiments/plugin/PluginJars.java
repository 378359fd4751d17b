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
}
