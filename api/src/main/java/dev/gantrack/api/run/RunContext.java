package dev.gantrack.api.run;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What the host gives every run: where the run folder is, where to send what it records (all
 * trackers behind one {@link Tracker}), the plugin context and a cancellation flag. Bound in every
 * run's injector.
 */
@PublicApi
public interface RunContext {
  /** The run folder, {@code runs/<experiment>/<run-id>/}; it exists once training begins. */
  Path runDirectory();

  /** All trackers of the run behind one non-blocking fan-out. */
  Tracker tracker();

  /** Resolves paths and files for plugins. */
  PluginContext plugins();

  /** True once the user asked to stop (Ctrl-C); the backend stops at the next step. */
  BooleanSupplier cancelled();
}
