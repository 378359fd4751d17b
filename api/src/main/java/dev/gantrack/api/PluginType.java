package dev.gantrack.api;

import dev.gantrack.api.spec.PluginSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code type:} a plugin contributes: its kind, its name in files, the spec class Jackson
 * builds from the file, and a one-line description for {@code gantrack plugins}.
 *
 * <p>Names are lower-case words joined by {@code -} ({@code wgan-gp}, {@code one-sided}).
 */
@PublicApi
public record PluginType(
    PluginKind kind, String name, Class<? extends PluginSpec> specClass, String description) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public PluginType {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(specClass, "specClass");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "plugin type name '" + name + "' must be lower-case words joined by '-'");
    }
    if (!kind.specType().isAssignableFrom(specClass)) {
      throw new IllegalArgumentException(
          specClass.getName() + " is registered as " + kind.id() + " '" + name + "' but does not implement "
              + kind.specType().getSimpleName());
    }
    description = description == null ? "" : description;
  }

  /** Shortcut for {@code new PluginType(kind, name, specClass, description)}. */
  public static PluginType of(
      PluginKind kind, String name, Class<? extends PluginSpec> specClass, String description) {
    return new PluginType(kind, name, specClass, description);
  }

  /** {@code kind/name}, unique across a registry. */
  public String key() {
    return kind.id() + "/" + name;
  }
}
