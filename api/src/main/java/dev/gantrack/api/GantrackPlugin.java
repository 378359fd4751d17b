package dev.gantrack.api;

import com.google.inject.Binder;
import com.google.inject.Module;
import java.util.List;

/**
 * The one entry point of a plugin jar, listed in
 * {@code META-INF/services/dev.gantrack.api.GantrackPlugin}.
 *
 * <p>It hands over the {@code type:} names it contributes ({@link #types()}), and it is a Guice
 * {@link Module}: {@link #configure(Binder)} is installed in every run's injector, beside the run's
 * own bindings ({@link dev.gantrack.api.run.RunServices} lists them) and the backend's, so a
 * plugin can bind services its pieces share within a run (a feature-extractor network several
 * metrics use, say) and inject the run's. Bindings are per run: a singleton lives as long as one
 * run. Every method is a {@code default} returning nothing, so a plugin overrides only what it adds
 * and the interface grows without breaking old jars. gantrack's own plugins implement exactly this
 * interface.
 */
@PublicApi
public interface GantrackPlugin extends Module {

  /** The plugin types this jar contributes; each name must be unique within its kind. */
  default List<PluginType> types() {
    return List.of();
  }

  /** Training backends this jar contributes (most plugins contribute none). */
  default List<Backend> backends() {
    return List.of();
  }

  /** Jobs this plugin runs outside training runs, started by gantrack commands (most plugins contribute none). */
  default List<PluginTool> tools() {
    return List.of();
  }

  /** Bindings this plugin adds to every run's injector; none by default. */
  @Override
  default void configure(Binder binder) {}
}
