package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run folder as {@code gantrack eval} and {@code gantrack sample} read it: its resolved {@code
 * experiment.yaml} (its relative paths meaning the folder of the file the run was started from, which
 * {@code provenance.json} names), loaded with overrides, and assembled as a run on its backend into
 * an {@link Evaluation} of one of its checkpoints.
 */
public final class FinishedRun {
  private static final Pattern STEP = Pattern.compile("step-0*(\\d+)");
  private final Path runDirectory;
  private final PluginRegistry registry;
  private final ExperimentLoader loader;

  public FinishedRun(Path runDirectory, PluginRegistry registry) throws ExperimentException {
    if (!Files.isRegularFile(runDirectory.resolve("experiment.yaml"))) {
      throw new ExperimentException(runDirectory, "", "not a run folder (it has no experiment.yaml)");
    }
    this.runDirectory = runDirectory;
    this.registry = registry;
    this.loader = new ExperimentLoader(registry);
  }

  /** The run folder. */
  public Path directory() {
    return runDirectory;
  }

  /** The run's resolved experiment file. */
  public Path experimentFile() {
    return runDirectory.resolve("experiment.yaml");
  }

  /** The loader this run's experiment is read with (its registry's types). */
  public ExperimentLoader loader() {
    return loader;
  }

  /** The folder of the run's checkpoints. */
  public Path checkpoints() {
    return runDirectory.resolve("checkpoints");
  }

  /** Why checkpoint {@code name} cannot be read (it is not there; the ones that are), or empty when it can. */
  public Optional<String> missingCheckpoint(String name) throws IOException {
    if (Files.isRegularFile(checkpoints().resolve("G-" + name + ".params"))) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(checkpoints())) {
      try (Stream<Path> files = Files.list(checkpoints())) {
        files.map(p -> p.getFileName().toString()).filter(f -> f.matches("G-(?!ema-).*\\.params")).sorted()
            .forEach(f -> names.add(f.substring(2, f.length() - ".params".length())));
      }
    }
    return Optional.of("no checkpoint '" + name + "' in " + checkpoints() + "; there are: "
        + (names.isEmpty() ? "none" : String.join(", ", names)));
  }

  /** The run's experiment with {@code overrides} ({@code path=value}, as {@code --set}). */
  public ExperimentLoader.Loaded load(List<String> overrides) throws ExperimentException {
    return loader.load(experimentFile(), sourceFolder(), overrides);
  }

  /** The folder of the experiment file the run was started from (relative paths mean it), else the run folder. */
  Path sourceFolder() {
    Path provenance = runDirectory.resolve("provenance.json");
    try {
      JsonNode source = new ObjectMapper().readTree(provenance.toFile()).path("source_file");
      if (source.isTextual()) {
        return Path.of(source.asText()).toAbsolutePath().getParent();
      }
    } catch (IOException | RuntimeException e) {
      // no provenance: paths mean the run folder itself
    }
    return runDirectory.toAbsolutePath();
  }

  /**
   * The step checkpoint {@code name} was saved at: N for {@code step-N}, else the last step of
   * {@code metrics.jsonl} (or the experiment's steps when it has none).
   */
  public long step(String name, Experiment experiment) {
    Matcher m = STEP.matcher(name);
    if (m.matches()) {
      return Long.parseLong(m.group(1));
    }
    long last = -1;
    try {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(runDirectory.resolve("metrics.jsonl"))) {
        if (!line.isBlank()) {
          last = Math.max(last, json.readTree(line).path("step").asLong(-1));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no metrics: fall back to the experiment's steps
    }
    return last >= 0 ? last : experiment.training().steps();
  }

  /** The run of {@code loaded} assembled on its backend, as its {@link Evaluation} (not yet restored). */
  public Evaluation evaluation(ExperimentLoader.Loaded loaded) throws IOException, ExperimentException {
    Experiment e = loaded.experiment();
    Backend backend = registry.backend(e.backend()).orElseThrow();
    // the loaded experiment's relative paths are rebased to the run folder
    PluginContext plugins = PluginContext.at(runDirectory.toAbsolutePath());
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
