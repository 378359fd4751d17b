package dev.gantrack.experiments.run;

import com.google.inject.Injector;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run folder as {@code gantrack eval} and {@code gantrack sample} read it: its resolved {@code
 * experiment.yaml} (its relative paths meaning the folder of the file the run was started from, which
 * {@code provenance.json} names), loaded with overrides, one of its checkpoints, and the run assembled
 * on its backend as an {@link Evaluation}.
 */
public final class FinishedRun {
  /** The name that picks the newest checkpoint (the last step's, for a finished run). */
  public static final String NEWEST = "final";

  private final Path runDirectory;
  private final PluginRegistry registry;
  private final ExperimentLoader loader;
  private final Path sourceFolder;

  public FinishedRun(Path runDirectory, PluginRegistry registry) throws ExperimentException {
    if (!Files.isRegularFile(runDirectory.resolve("experiment.yaml"))
        || !Files.isRegularFile(runDirectory.resolve(Provenance.FILE))) {
      throw new ExperimentException(runDirectory, "", "not a run folder (it needs experiment.yaml and provenance.json)");
    }
    this.runDirectory = runDirectory;
    this.registry = registry;
    this.loader = new ExperimentLoader(registry);
    String source;
    try {
      source = Provenance.read(runDirectory).path("source_file").asText("");
    } catch (IOException e) {
      throw new ExperimentException(runDirectory.resolve(Provenance.FILE), "", "cannot read: " + e.getMessage());
    }
    this.sourceFolder = source.isEmpty() ? runDirectory.toAbsolutePath() : Path.of(source).getParent();
  }

  /** The loader this run's experiment is read with (its registry's types). */
  public ExperimentLoader loader() {
    return loader;
  }

  /** The run's experiment with {@code overrides} ({@code path=value}, as {@code --set}). */
  public ExperimentLoader.Loaded load(List<String> overrides) throws ExperimentException {
    return loader.load(runDirectory.resolve("experiment.yaml"), sourceFolder, overrides);
  }

  /**
   * The checkpoint named {@code name} ({@code step-000500}, or the step, or {@value #NEWEST} for the
   * newest), checked; one that is missing or fails its checks is refused naming the ones there are.
   */
  public CheckpointInfo checkpoint(Experiment experiment, String name) throws ExperimentException {
    Backend backend = registry.backend(experiment.backend()).orElseThrow();
    return CheckpointChoice.choose(runDirectory, backend.checkpoints(runDirectory), NEWEST.equals(name) ? null : name,
        "eval");
  }

  /** The run of {@code loaded} assembled on its backend, as its {@link Evaluation} (not yet restored). */
  public Evaluation evaluation(ExperimentLoader.Loaded loaded) throws IOException, ExperimentException {
    Experiment e = loaded.experiment();
    Backend backend = registry.backend(e.backend()).orElseThrow();
    PluginContext plugins = PluginContext.at(loaded.folder());
    DataSource data;
    try {
      data = e.dataset().open(plugins);
    } catch (InvalidOptionException ex) {
      Problem p = ex.toProblem(Role.DATASET.key());
      throw new ExperimentException(loaded.file(), p.path(), p.message());
    }
    HostRunContext context = new HostRunContext(runDirectory, plugins, new AtomicBoolean());
    context.tracker(new Tracker() {});
    Injector injector = RunAssembly.injector(loaded.file(), e, data, context, backend, registry);
    return RunAssembly.build(loaded.file(), injector, registry, Evaluation.class);
  }
}
