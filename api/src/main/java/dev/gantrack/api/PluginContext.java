package dev.gantrack.api;

import java.nio.file.Path;

/** What a spec may need when it builds its runtime piece: where relative paths are resolved. */
@PublicApi
public interface PluginContext {
  /** The folder of the experiment file; relative paths in specs resolve against it. */
  Path baseDirectory();

  /** Resolves {@code path} against {@link #baseDirectory()} unless it is absolute. */
  default Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : baseDirectory().resolve(p).normalize();
  }

  /** A context whose base directory is {@code dir}. */
  static PluginContext at(Path dir) {
    return () -> dir;
  }
}
