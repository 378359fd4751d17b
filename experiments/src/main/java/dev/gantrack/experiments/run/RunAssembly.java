package dev.gantrack.experiments.run;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.Problem;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.AssemblyException;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunModule;
import dev.gantrack.api.run.Training;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds one run's Guice injector: the run's own bindings ({@link RunModule}), the backend's
 * module, then every plugin's module; and turns Guice's errors into one line naming the file and
 * the field, as for any other bad input. A fresh injector per run, not a child of a shared one, so
 * that nothing (not even a just-in-time singleton) is shared between two runs in one process.
 */
public final class RunAssembly {
  private RunAssembly() {}

  /** The injector of a run of {@code experiment} (read from {@code file}) on {@code backend}. */
  public static Injector injector(Path file, Experiment experiment, DataSource data, RunContext context,
      Backend backend, PluginRegistry registry) throws ExperimentException {
    List<Module> modules = new ArrayList<>();
    modules.add(new RunModule(experiment, data, context));
    modules.add(backend.runModule());
    modules.addAll(registry.plugins());
    try {
      return Guice.createInjector(modules);
    } catch (CreationException e) {
      throw new ExperimentException(file, "", "cannot assemble the run: " + describe(e.getErrorMessages(), registry));
    }
  }

  /** The run's {@link Training}, with every runtime piece built; a piece that cannot be built fails naming its field. */
  public static Training training(Path file, Injector injector, PluginRegistry registry) throws ExperimentException {
    return build(file, injector, registry, Training.class);
  }

  /** The run's {@code type} (its {@link Training}, or its restored-checkpoint {@code Evaluation}), as {@link #training}. */
  public static <T> T build(Path file, Injector injector, PluginRegistry registry, Class<T> type) throws ExperimentException {
    try {
      return injector.getInstance(type);
    } catch (ProvisionException e) {
      AssemblyException cause = find(e);
      if (cause != null) {
        Problem p = cause.problem();
        throw new ExperimentException(file, p.path(), p.message());
      }
      throw new ExperimentException(file, "", "cannot assemble the run: " + describe(e.getErrorMessages(), registry));
    } catch (ConfigurationException e) {
      throw new ExperimentException(file, "", "cannot assemble the run: " + describe(e.getErrorMessages(), registry));
    }
  }

  private static AssemblyException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AssemblyException a) {
        return a;
      }
      if (c instanceof ProvisionException p) {
        for (Message m : p.getErrorMessages()) {
          AssemblyException inner = m.getCause() == null ? null : find(m.getCause());
          if (inner != null) {
            return inner;
          }
        }
      }
    }
    return null;
  }

  /** Guice's first error as one line, with the plugin (and its jar) whose module it came from when known. */
  static String describe(Collection<Message> messages, PluginRegistry registry) {
    Message first = messages.iterator().next();
    String text = first.getMessage().replaceAll("\\s+", " ").trim();
    String source = String.valueOf(first.getSource());
    for (GantrackPlugin plugin : registry.plugins()) {
      if (source.contains(plugin.getClass().getName())) {
        return "plugin " + plugin.getClass().getName() + " (" + PluginRegistry.sourceOf(plugin.getClass()) + "): " + text;
      }
    }
    return text;
  }
}
