package dev.gantrack.experiments.plugin;

import dev.gantrack.api.GantrackPlugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link GantrackPlugin}s with {@link ServiceLoader}: first on gantrack's class path, then in
 * every {@code *.jar} of a plugins folder, each jar in its own {@link PluginClassLoader} (so a plugin
 * sees the SPI and the libraries it exposes, not gantrack's internals, and plugins do not see each other).
 */
public final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  private PluginLoader() {}

  /**
   * Fails with one line unless {@code pluginsDir} is a folder: for a folder the user named
   * ({@code --plugins DIR}), where a typo must not silently mean "no plugins".
   */
  public static void requireFolder(Path pluginsDir) {
    if (Files.isRegularFile(pluginsDir)) {
      throw new PluginConflictException("--plugins " + pluginsDir + ": is a file, not a folder of plugin jars");
    }
    if (!Files.isDirectory(pluginsDir)) {
      throw new PluginConflictException("--plugins " + pluginsDir + ": no such folder");
    }
  }

  /** Class-path plugins, then those in {@code pluginsDir} (ignored when null or missing). */
  public static List<GantrackPlugin> load(Path pluginsDir) {
    List<GantrackPlugin> plugins = new ArrayList<>();
    ClassLoader host = PluginLoader.class.getClassLoader();
    loadFrom(ServiceLoader.load(GantrackPlugin.class, host), "class path", plugins);
    if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
      List<Path> jars;
      try (Stream<Path> s = Files.list(pluginsDir)) {
        jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      } catch (IOException e) {
        throw new PluginConflictException("cannot list plugins folder " + pluginsDir + ": " + e.getMessage());
      }
      for (Path jar : jars) {
        URLClassLoader loader;
        try {
          loader = new PluginClassLoader("plugin:" + jar.getFileName(), jar.toUri().toURL(), host);
        } catch (MalformedURLException e) {
          throw new PluginConflictException("bad plugin jar path " + jar);
        }
        int before = plugins.size();
        // only providers that this jar itself declares (the parent's are already loaded)
        ServiceLoader<GantrackPlugin> sl = ServiceLoader.load(GantrackPlugin.class, loader);
        for (ServiceLoader.Provider<GantrackPlugin> p : sl.stream().toList()) {
          if (p.type().getClassLoader() == loader) {
            plugins.add(instantiate(p, jar.toString()));
          }
        }
        if (plugins.size() == before) {
          LOG.warn("plugins folder: {} declares no dev.gantrack.api.GantrackPlugin in META-INF/services", jar.getFileName());
        }
      }
    }
    return plugins;
  }

  private static void loadFrom(ServiceLoader<GantrackPlugin> sl, String where, List<GantrackPlugin> out) {
    try {
      for (ServiceLoader.Provider<GantrackPlugin> p : sl.stream().toList()) {
        out.add(instantiate(p, where));
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginConflictException("cannot load a plugin from the " + where + ": " + e.getMessage());
    }
  }

  private static GantrackPlugin instantiate(ServiceLoader.Provider<GantrackPlugin> p, String where) {
    try {
      GantrackPlugin plugin = p.get();
      LOG.debug("plugin {} from {}", p.type().getName(), where);
      return plugin;
    } catch (ServiceConfigurationError | RuntimeException e) {
      throw new PluginConflictException("cannot load plugin " + p.type().getName() + " from " + where + ": " + e.getMessage());
    }
  }
}
