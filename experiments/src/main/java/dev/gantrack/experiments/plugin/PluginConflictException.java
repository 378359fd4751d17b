package dev.gantrack.experiments.plugin;

/** Two plugins claim one name, or a plugin jar cannot be loaded. */
public final class PluginConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginConflictException(String message) {
    super(message);
  }
}
