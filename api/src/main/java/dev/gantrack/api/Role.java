package dev.gantrack.api;

import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.api.spec.PluginSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table of the roles an experiment is assembled from: each role's key in files, the kind of
 * plugin that fills it, whether it must be filled, whether it holds a list, and the type used when
 * a file names none. Everything that iterates roles (the experiment model's checks, defaults,
 * validation, run assembly, the trainer's wiring, provenance) reads this table, so a role is
 * declared here once. A backend says which of its interfaces implements each role ({@link
 * Backend#check}).
 */
@PublicApi
public enum Role {
  DATASET("dataset", PluginKind.DATASET, Presence.REQUIRED, null, Experiment::dataset),
  GENERATOR("generator", PluginKind.GENERATOR, Presence.REQUIRED, null, Experiment::generator),
  DISCRIMINATOR("discriminator", PluginKind.DISCRIMINATOR, Presence.REQUIRED, null, Experiment::discriminator),
  LOSS("loss", PluginKind.LOSS, Presence.REQUIRED, "non-saturating", Experiment::loss),
  PENALTY("penalty", PluginKind.PENALTY, Presence.OPTIONAL, null, Experiment::penalty),
  LABEL_SMOOTHING("label-smoothing", PluginKind.LABEL_SMOOTHING, Presence.REQUIRED, "none", Experiment::labelSmoothing),
  LATENT("latent", PluginKind.NOISE, Presence.REQUIRED, "normal", Experiment::latent),
  INSTANCE_NOISE("instance-noise", PluginKind.NOISE, Presence.OPTIONAL, null, Experiment::instanceNoise),
  TTUR("ttur", PluginKind.TTUR, Presence.REQUIRED, "separate", Experiment::ttur),
  SPECTRAL_NORM("spectral-norm", PluginKind.SPECTRAL_NORM, Presence.OPTIONAL, null, Experiment::spectralNorm),
  METRICS("metrics", PluginKind.METRIC, Presence.LIST, null, Experiment::metrics),
  HEALTH("health", PluginKind.HEALTH_RULE, Presence.LIST, null, Experiment::health),
  TRACKERS("trackers", PluginKind.TRACKER, Presence.LIST, null, Experiment::trackers),
  FEATURE_EXTRACTOR("feature-extractor", PluginKind.FEATURE_EXTRACTOR, Presence.OPTIONAL, null, Experiment::featureExtractor);

  /** Whether a role must be filled, may be left out, or holds any number of plugins. */
  public enum Presence {
    REQUIRED,
    OPTIONAL,
    LIST
  }

  private final String key;
  private final PluginKind kind;
  private final Presence presence;
  private final String defaultType;
  private final Function<Experiment, Object> accessor;

  Role(String key, PluginKind kind, Presence presence, String defaultType, Function<Experiment, Object> accessor) {
    this.key = key;
    this.kind = kind;
    this.presence = presence;
    this.defaultType = defaultType;
    this.accessor = accessor;
  }

  /** The role's key in experiment files, e.g. {@code label-smoothing}; also its field path. */
  public String key() {
    return key;
  }

  /** The kind of plugin that fills the role (both {@code latent} and {@code instance-noise} take {@code noise}). */
  public PluginKind kind() {
    return kind;
  }

  /** Required, optional or a list. */
  public Presence presence() {
    return presence;
  }

  /** True when an experiment cannot do without this role. */
  public boolean required() {
    return presence == Presence.REQUIRED;
  }

  /** True when the role holds a list of plugins ({@code metrics}, {@code health}, {@code trackers}). */
  public boolean list() {
    return presence == Presence.LIST;
  }

  /** The {@code type:} filled in when a file leaves the role out, if the role has one. */
  public Optional<String> defaultType() {
    return Optional.ofNullable(defaultType);
  }

  /** True when no other role takes the same kind of plugin (so the kind alone names the role). */
  public boolean soleRoleOfKind() {
    for (Role r : values()) {
      if (r != this && r.kind == kind) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code spec} may fill this role beyond being of the right kind: a latent distribution
   * for {@code latent}, instance noise for {@code instance-noise}; any spec of the kind otherwise.
   */
  public boolean accepts(PluginSpec spec) {
    if (!kind.specType().isInstance(spec)) {
      return false;
    }
    return switch (this) {
      case LATENT -> ((NoiseSpec) spec).latent();
      case INSTANCE_NOISE -> !((NoiseSpec) spec).latent();
      default -> true;
    };
  }

  /** The specs filling this role in {@code experiment}: none, one, or a list's items in order. */
  public List<PluginSpec> specs(Experiment experiment) {
    Object value = accessor.apply(experiment);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> items) {
      List<PluginSpec> out = new ArrayList<>();
      for (Object item : items) {
        out.add((PluginSpec) item);
      }
      return Collections.unmodifiableList(out);
    }
    return List.of((PluginSpec) value);
  }

  /** The spec of a single role in {@code experiment}, if the file fills it. */
  public Optional<PluginSpec> spec(Experiment experiment) {
    if (list()) {
      throw new IllegalStateException(key + " is a list role; use specs()");
    }
    List<PluginSpec> specs = specs(experiment);
    return specs.isEmpty() ? Optional.empty() : Optional.of(specs.get(0));
  }

  /** The field path of one spec of this role: {@code loss}, or {@code metrics.2} for a list item. */
  public String path(int index) {
    return list() ? key + "." + index : key;
  }

  /** The role whose key is {@code key}. */
  public static Optional<Role> ofKey(String key) {
    for (Role r : values()) {
      if (r.key.equals(key)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Required roles {@code experiment} leaves empty, in table order. */
  public static List<Role> missing(Experiment experiment) {
    List<Role> out = new ArrayList<>();
    for (Role r : values()) {
      if (r.required() && r.specs(experiment).isEmpty()) {
        out.add(r);
      }
    }
    return out;
  }
}
