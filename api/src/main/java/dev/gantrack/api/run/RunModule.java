package dev.gantrack.api.run;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.Role;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.api.track.Tracker;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bindings every run's injector starts from: the experiment, its training options, each role's
 * spec, the data, the seeded random streams, the host's {@link RunContext} and its tracker, and
 * {@link RunServices} over the injector itself. The host adds the backend's module and every
 * plugin's module to it; tests of a backend use it the same way.
 */
@PublicApi
public final class RunModule extends AbstractModule {
  private final Experiment experiment;
  private final DataSource data;
  private final RunContext context;

  public RunModule(Experiment experiment, DataSource data, RunContext context) {
    this.experiment = Objects.requireNonNull(experiment, "experiment");
    this.data = Objects.requireNonNull(data, "data");
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * The key a single role's spec is bound under: its kind's spec base type qualified by
   * {@code @Named("<role key>")}, e.g. {@code @Named("instance-noise") NoiseSpec}.
   */
  @SuppressWarnings("unchecked")
  public static Key<PluginSpec> specKey(Role role) {
    return (Key<PluginSpec>) Key.get(role.kind().specType(), Names.named(role.key()));
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected void configure() {
    bind(Experiment.class).toInstance(experiment);
    bind(TrainingSpec.class).toInstance(experiment.training());
    bind(DataSource.class).toInstance(data);
    bind(DataShape.class).toInstance(data.shape());
    bind(RandomStreams.class).toInstance(new RandomStreams(experiment.seed() == null ? 0L : experiment.seed()));
    bind(RunContext.class).toInstance(context);
    bind(Tracker.class).toProvider(context::tracker);
    Map<Class<?>, Integer> classUses = new HashMap<>();
    for (Role role : Role.values()) {
      for (PluginSpec spec : role.specs(experiment)) {
        classUses.merge(spec.getClass(), 1, Integer::sum);
      }
    }
    for (Role role : Role.values()) {
      if (role.list()) {
        continue;
      }
      PluginSpec spec = role.spec(experiment).orElse(null);
      if (spec == null) {
        continue;
      }
      bind((Key) specKey(role)).toInstance(spec);
      if (role.soleRoleOfKind()) {
        bind((Class) role.kind().specType()).toInstance(spec);
      }
      if (classUses.get(spec.getClass()) == 1) {
        // a plugin's runtime class may ask for its own spec by class
        bind((Class) spec.getClass()).toInstance(spec);
      }
    }
  }

  @Provides
  RunServices services(com.google.inject.Injector injector) {
    return new RunServices() {
      @Override
      public <T> T get(Class<T> type) {
        return injector.getInstance(type);
      }

      @Override
      public <T> T get(Key<T> key) {
        return injector.getInstance(key);
      }
    };
  }
}
