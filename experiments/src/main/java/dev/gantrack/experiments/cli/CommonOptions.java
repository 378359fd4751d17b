package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.plugin.PluginLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads plugins takes: {@code --plugins DIR} and {@code --debug}. */
final class CommonOptions {
  /** The plugins folder used when {@code --plugins} is not given; it may be absent. */
  static final Path DEFAULT_PLUGINS = Path.of("plugins");

  @Option(names = "--plugins", paramLabel = "DIR", description = "folder of plugin jars (default: ./plugins, if present)")
  Path plugins;

  @Option(names = "--debug", description = "show stack traces and debug logs")
  boolean debug;

  /** Class-path plugins plus those of the plugins folder; a folder named by {@code --plugins} must exist. */
  PluginRegistry registry() {
    if (plugins != null) {
      PluginLoader.requireFolder(plugins);
    }
    return PluginRegistry.discover(plugins != null ? plugins : DEFAULT_PLUGINS);
  }
}
