package dev.gantrack.experiments.run;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The host's {@link RunContext}: the run folder's path (the folder itself is made only once the run
 * is assembled), the plugin context, Ctrl-C, and the tracker fan-out, which is made from the run's
 * injector and so is set after it.
 */
final class HostRunContext implements RunContext {
  private final Path runDirectory;
  private final PluginContext plugins;
  private final AtomicBoolean cancel;
  private Tracker tracker;

  HostRunContext(Path runDirectory, PluginContext plugins, AtomicBoolean cancel) {
    this.runDirectory = runDirectory;
    this.plugins = plugins;
    this.cancel = cancel;
  }

  void tracker(Tracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public Path runDirectory() {
    return runDirectory;
  }

  @Override
  public Tracker tracker() {
    if (tracker == null) {
      throw new IllegalStateException("the run's trackers are not made yet");
    }
    return tracker;
  }

  @Override
  public PluginContext plugins() {
    return plugins;
  }

  @Override
  public BooleanSupplier cancelled() {
    return cancel::get;
  }
}
