package dev.gantrack.api;

import com.google.inject.Binder;
import com.google.inject.Module;
import java.util.List;

/**
 * The one entry point of a plugin jar, listed in
 * {@code META-INF/services/dev.gantrack.api.GantrackPlugin}.
 *
 * <p>It is a Guice {@link Module} (bind whatever the plugin's pieces need in {@link
 * #configure(Binder)}) that also hands over the {@code type:} names it contributes. Every method
 * is a {@code default} returning nothing, so a plugin overrides only what it adds and the interface
 * grows without breaking old jars. gantrack's own plugins implement exactly this interface.
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

  @Override
  default void configure(Binder binder) {}
}
