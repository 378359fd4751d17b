package dev.gantrack.experiments.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar, after Trino's {@code PluginClassLoader}: the plugin shares
 * with gantrack only the SPI and the libraries the SPI exposes ({@link #SHARED}), taken from
 * gantrack's class loader alone; every other class comes from the JDK or from the jar itself.
 *
 * <p>So a plugin may bundle its own copy of any other library (a Guava, a Jackson databind, an HTTP
 * client) in whatever version it needs without clashing with gantrack's, and it cannot reach
 * gantrack's internals (the built-in plugins, the engine, the trackers, the CLI) nor the libraries
 * gantrack uses privately: loading one is a {@link ClassNotFoundException}. A copy of an SPI class
 * inside the jar (a jar that bundled gantrack-api by mistake) is never used, so the SPI types are
 * the host's: a plugin's spec is a {@code LossSpec} of the host.
 *
 * <p>Jackson databind is not shared (as in Trino): gantrack binds every spec with its own databind,
 * which reads the shared jackson-annotations on the spec classes, so spec classes need only the
 * annotations. Databind's own annotations ({@code @JsonDeserialize}, ...) on a spec are therefore not
 * seen by gantrack; a plugin that uses databind for its own work bundles it.
 *
 * <p>Resources follow the classes: those under a shared package come from gantrack, all others
 * (the jar's {@code META-INF/services}, its own files) from the JDK and the jar only, so a {@link
 * java.util.ServiceLoader} on this loader finds the providers the jar itself declares.
 */
final class PluginClassLoader extends URLClassLoader {
  /**
   * Packages (with their subpackages) a plugin shares with gantrack: the JDK's {@code java} and
   * {@code javax}; gantrack's SPI; DJL's api (the packages of the {@code ai.djl:api} jar, and the
   * classes of {@code ai.djl} itself, but not the engines such as {@code ai.djl.pytorch}); Guice
   * with the injection and interception annotations its API takes; jackson-annotations; SLF4J.
   */
  static final List<String> SHARED = List.of(
      "java", "javax",
      "dev.gantrack.api", "dev.gantrack.djl.spi",
      "ai.djl.engine", "ai.djl.inference", "ai.djl.metric", "ai.djl.modality", "ai.djl.ndarray", "ai.djl.nn",
      "ai.djl.repository", "ai.djl.training", "ai.djl.translate", "ai.djl.util",
      "com.google.inject", "jakarta.inject", "org.aopalliance",
      "com.fasterxml.jackson.annotation",
      "org.slf4j");

  /** Packages shared without their subpackages: DJL's root package holds {@code Device}, {@code Model}, .... */
  static final List<String> SHARED_EXACTLY = List.of("ai.djl");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader host;

  /** A loader for the jar at {@code jar}, named {@code name}, sharing the SPI with {@code host}. */
  PluginClassLoader(String name, URL jar, ClassLoader host) {
    // the parent is the JDK's platform loader: JDK classes first, then the jar
    super(name, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  /** True when the class {@code className} (binary name) lies in a package shared with gantrack. */
  static boolean sharedClass(String className) {
    int dot = className.lastIndexOf('.');
    return dot > 0 && sharedPackage(className.substring(0, dot));
  }

  /** True when the resource {@code path} ('/' separated) lies in the folder of a package shared with gantrack. */
  static boolean sharedResource(String path) {
    int slash = path.lastIndexOf('/');
    return slash > 0 && sharedPackage(path.substring(0, slash).replace('/', '.'));
  }

  private static boolean sharedPackage(String pkg) {
    if (SHARED_EXACTLY.contains(pkg)) {
      return true;
    }
    for (String root : SHARED) {
      if (pkg.equals(root) || pkg.startsWith(root + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!sharedClass(name)) {
      return super.loadClass(name, resolve);
    }
    Class<?> type = host.loadClass(name);
    if (resolve) {
      resolveClass(type);
    }
    return type;
  }

  @Override
  public URL getResource(String name) {
    return sharedResource(name) ? host.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return sharedResource(name) ? host.getResources(name) : super.getResources(name);
  }
}
