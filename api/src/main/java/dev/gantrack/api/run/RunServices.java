package dev.gantrack.api.run;

import com.google.inject.Key;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.Role;
import dev.gantrack.api.spec.PluginSpec;

/**
 * The run's Guice injector as a plugin's factory method sees it: a plugin asks for a service of the
 * run, or for a class of its own, which Guice builds by injecting its {@code @Inject} constructor.
 * Everything obtained here is scoped to the run: a {@code @Singleton} (or a binding a plugin module
 * marks singleton) is created once per run and shared by every piece that asks, and two runs in one
 * process share nothing.
 *
 * <p>Bound in every run (by {@link RunModule}): {@link dev.gantrack.api.Experiment}, {@link
 * dev.gantrack.api.TrainingSpec}, each role's spec (under {@link RunModule#specKey}, and under its
 * spec base type when the role is the only one of its kind), {@link dev.gantrack.api.data.DataSource},
 * {@link dev.gantrack.api.data.DataShape}, {@link RandomStreams}, {@link RunContext}, the tracker
 * fan-out ({@link dev.gantrack.api.track.Tracker}) and this interface. A backend adds its own
 * (the DJL backend: its {@code Device}, the run's {@code NDManager}, its tensor kernels; see its
 * SPI). Plugin modules ({@link dev.gantrack.api.GantrackPlugin#configure}) add theirs.
 */
@PublicApi
public interface RunServices {
  /** The run's instance of {@code type}: a bound service, or a class Guice can construct. */
  <T> T get(Class<T> type);

  /** The run's instance bound under {@code key} (e.g. a binding annotated with a qualifier). */
  <T> T get(Key<T> key);

  /** The spec filling a single role, or null when the experiment leaves the role out. */
  default PluginSpec spec(Role role) {
    return role.spec(get(dev.gantrack.api.Experiment.class)).orElse(null);
  }
}
