package dev.gantrack.api;

import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What a backend gets from the host for one run: where the run folder is, where to send what it
 * records (all trackers behind one {@link Tracker}), the plugin context and a cancellation flag.
 */
@PublicApi
public interface RunContext {
  /** The run folder, {@code runs/<experiment>/<run-id>/}; exists. */
  Path runDirectory();

  /** All trackers of the run behind one non-blocking fan-out. */
  Tracker tracker();

  /** Resolves paths and files for plugins. */
  PluginContext plugins();

  /** True once the user asked to stop (Ctrl-C); the backend stops at the next step. */
  BooleanSupplier cancelled();
}
