package dev.gantrack.djl;

import dev.gantrack.api.Backend;
import dev.gantrack.api.GantrackPlugin;
import java.util.List;

/** Contributes the {@code djl} backend. Its built-in plugin types come from gantrack-djl-builtins, a plugin like any other. */
public final class DjlBackendPlugin implements GantrackPlugin {
  @Override
  public List<Backend> backends() {
    return List.of(new DjlBackend());
  }
}
