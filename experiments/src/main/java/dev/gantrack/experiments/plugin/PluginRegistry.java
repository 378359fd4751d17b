package dev.gantrack.experiments.plugin;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gantrack.api.Backend;
import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every plugin type known to this gantrack, keyed {@code kind/name}: the one registry that maps
 * {@code type:} names to spec classes. Two plugins claiming the same name fail here, naming both
 * jars. The plugins' Guice modules are not installed here but in every run's injector ({@link
 * #plugins()}), so that their bindings live as long as one run.
 */
public final class PluginRegistry {
  private final List<GantrackPlugin> plugins;
  private final Map<String, PluginType> types;
  private final Map<String, String> sources;
  private final List<Backend> backends;

  private PluginRegistry(List<GantrackPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
    Map<String, String> claimedBy = new LinkedHashMap<>();
    Map<String, String> src = new LinkedHashMap<>();
    Map<String, PluginType> bound = new java.util.TreeMap<>();
    for (GantrackPlugin plugin : plugins) {
      String where = sourceOf(plugin.getClass());
      for (PluginType t : plugin.types()) {
        String previous = claimedBy.putIfAbsent(t.key(), where);
        if (previous != null) {
          throw new PluginConflictException("two plugins register " + t.kind().id() + " type '" + t.name()
              + "': " + previous + " and " + where + "; remove one of them");
        }
        src.put(t.key(), t.specClass().getName() + " (" + sourceOf(t.specClass()) + ")");
        bound.put(t.key(), t);
      }
    }
    this.types = Collections.unmodifiableMap(bound);
    this.sources = Collections.unmodifiableMap(src);
    List<Backend> b = new ArrayList<>();
    for (GantrackPlugin plugin : plugins) {
      b.addAll(plugin.backends());
    }
    this.backends = List.copyOf(b);
  }

  /** The registry of the given plugins (duplicates are an error). */
  public static PluginRegistry of(List<GantrackPlugin> plugins) {
    return new PluginRegistry(plugins);
  }

  /** Plugins on the class path plus those in {@code pluginsDir} (may be null or missing). */
  public static PluginRegistry discover(Path pluginsDir) {
    return of(PluginLoader.load(pluginsDir));
  }

  /** The plugins, in discovery order (class path first): their modules go into every run's injector. */
  public List<GantrackPlugin> plugins() {
    return plugins;
  }

  /** All types, sorted by kind and name. */
  public List<PluginType> all() {
    List<PluginType> list = new ArrayList<>(types.values());
    list.sort(Comparator.comparing((PluginType t) -> t.kind().ordinal()).thenComparing(PluginType::name));
    return list;
  }

  /** The names known for a kind, sorted. */
  public List<String> names(PluginKind kind) {
    List<String> out = new ArrayList<>();
    for (PluginType t : all()) {
      if (t.kind() == kind) {
        out.add(t.name());
      }
    }
    return out;
  }

  /** The type registered as {@code kind/name}. */
  public Optional<PluginType> find(PluginKind kind, String name) {
    return Optional.ofNullable(types.get(kind.id() + "/" + name));
  }

  /** The type whose spec class is {@code specClass}. */
  public Optional<PluginType> ofClass(Class<?> specClass) {
    return types.values().stream().filter(t -> t.specClass() == specClass).findFirst();
  }

  /** "class (jar)" of a type, for provenance. */
  public String source(PluginType type) {
    return sources.getOrDefault(type.key(), type.specClass().getName());
  }

  /** Jackson named subtypes: each type's spec class under its name. */
  public NamedType[] namedTypes() {
    return types.values().stream().map(t -> new NamedType(t.specClass(), t.name())).toArray(NamedType[]::new);
  }

  /** The backend named {@code name}. */
  public Optional<Backend> backend(String name) {
    return backends.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** The tool named {@code name} that some plugin contributes. */
  public Optional<dev.gantrack.api.PluginTool> tool(String name) {
    return plugins.stream().flatMap(p -> p.tools().stream()).filter(t -> t.name().equals(name)).findFirst();
  }

  /** Names of all backends. */
  public List<String> backendNames() {
    return backends.stream().map(Backend::name).toList();
  }

  /** The jar (or folder) a class was loaded from, by file name. */
  public static String sourceOf(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    if (url == null) {
      return "unknown location";
    }
    String path = url.getPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("target/classes")) {
      path = path.substring(0, path.length() - "/target/classes".length());
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
