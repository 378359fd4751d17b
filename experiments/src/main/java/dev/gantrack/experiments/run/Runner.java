package dev.gantrack.experiments.run;

import com.google.inject.Injector;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.run.Training;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.file.Trees;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.runfolder.RunFolderStatus;
import dev.gantrack.experiments.runfolder.RunLock;
import dev.gantrack.experiments.runfolder.StatusFile;
import dev.gantrack.trackers.LocalTrackerSpec;
import dev.gantrack.trackers.TrackerFanOut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a loaded experiment: makes the run folder {@code runs/<name>/<timestamp-id>/} (or, to resume,
 * continues one from a checkpoint), writes the resolved file and provenance, starts the trackers (the
 * local one always), trains on the backend and ends the run as FINISHED, FAILED or KILLED. While it
 * trains it holds the folder's {@link RunLock} and keeps {@code status} RUNNING with a heartbeat.
 * Never deletes or overwrites an earlier run.
 */
public final class Runner {
  private final PluginRegistry registry;

  public Runner(PluginRegistry registry) {
    this.registry = registry;
  }

  /** What a finished run left behind. */
  public record Result(Path runDirectory, RunStatus status, Throwable failure) {}

  /**
   * Trains {@code loaded} with the trackers of the file plus {@code extraTrackers}, in a new folder
   * under {@code runsRoot}. {@code cancel} turns true to stop (Ctrl-C).
   */
  public Result run(ExperimentLoader.Loaded loaded, List<TrackerSpec> extraTrackers, Path runsRoot, AtomicBoolean cancel)
      throws IOException, ExperimentException {
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
        + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()).toLowerCase(Locale.ROOT);
    Placement placement = new Placement(runsRoot.resolve(loaded.experiment().name()).resolve(runId), Map.of());
    return run(loaded, extraTrackers, placement, cancel);
  }

  /**
   * Where a run goes and what it is labelled with besides its provenance: a sweep's trial names its
   * own folder and adds the sweep's tags ({@code mlflow.parentRunId}, ...).
   *
   * @param runDirectory the run folder; it may exist already, but must hold no earlier run
   * @param tags added to the provenance tags every tracker receives
   */
  public record Placement(Path runDirectory, Map<String, String> tags) {
    public Placement {
      tags = Map.copyOf(tags);
    }
  }

  /** As above, in the folder and with the tags {@code placement} gives; the run id is the folder's name. */
  public Result run(ExperimentLoader.Loaded loaded, List<TrackerSpec> extraTrackers, Placement placement,
      AtomicBoolean cancel) throws IOException, ExperimentException {
    return execute(loaded, extraTrackers, placement, null, cancel);
  }

  /**
   * Continues the run {@code resume} prepared, in its own folder and under its own id, from its
   * checkpoint; the caller holds the folder's lock (see {@link Resumption}).
   */
  public Result resume(Resumption resume, AtomicBoolean cancel) throws IOException, ExperimentException {
    return resume(resume, Map.of(), cancel);
  }

  /**
   * As above, with {@code tags} added to the run's provenance tags (a sweep's trial: the sweep's tags,
   * and the GPU and threads it has now).
   */
  public Result resume(Resumption resume, Map<String, String> tags, AtomicBoolean cancel)
      throws IOException, ExperimentException {
    return execute(resume.loaded(), resume.commandLineTrackers(), new Placement(resume.runDirectory(), tags), resume,
        cancel);
  }

  private Result execute(ExperimentLoader.Loaded loaded, List<TrackerSpec> extraTrackers, Placement placement,
      Resumption resume, AtomicBoolean cancel) throws IOException, ExperimentException {
    Path runDir = placement.runDirectory();
    Experiment e = loaded.experiment();
    Backend backend = registry.backend(e.backend()).orElseThrow();
    PluginContext plugins = PluginContext.at(loaded.folder());
    DataSource data = open(loaded, plugins);
    HostRunContext context = new HostRunContext(runDir, plugins, cancel);
    Injector injector = RunAssembly.injector(loaded.file(), e, data, context, backend, registry);
    RunServices services = injector.getInstance(RunServices.class);
    List<TrackerFanOut.Member> members = trackers(e, extraTrackers, services);
    Outcome outcome = new Outcome();
    try (TrackerFanOut tracker = new TrackerFanOut(members, 15_000)) {
      context.tracker(tracker);
      try (Training training = RunAssembly.training(loaded.file(), injector, registry)) {
        Map<String, String> tags = Provenance.tags(loaded, backend, registry);
        tags.putAll(placement.tags());
        tags.putAll(training.provenance());
        long resumedAt = 0;
        if (resume == null) {
          Files.createDirectories(runDir);
          outcome.lock = RunLock.acquire(runDir);
          if (outcome.lock == null) {
            throw new ExperimentException(runDir, "", "in use: " + RunFolderStatus.read(runDir, Instant.now()).holder()
                + " is training in it");
          }
          outcome.started = true;
          Files.writeString(runDir.resolve("experiment.yaml"), loaded.resolvedYaml(), StandardCharsets.UTF_8);
          Provenance.write(runDir, tags, loaded, extraTrackers.stream().map(this::typeName).toList());
        } else {
          resumedAt = resume.restore(training);
          outcome.started = true;
          resume.record(tags);
        }
        RunInfo info = new RunInfo(runDir.getFileName().toString(), e.name(), runDir, Trees.flatten(loaded.resolved()),
            tags, loaded.resolvedYaml(), resumedAt);
        train(training, tracker, info, cancel, outcome);
      }
      endArtifacts(tracker, runDir);
      tracker.onTrainingEnd(outcome.status);
    } finally {
      if (outcome.started) {
        StatusFile.ended(runDir, outcome.status, outcome.failure);
      }
      if (outcome.lock != null) {
        outcome.lock.close();
      }
    }
    return new Result(runDir, outcome.status, outcome.failure);
  }

  /** How the run ended, whether it began (its folder then gets a final status), and the lock a new run took. */
  private static final class Outcome {
    boolean started;
    RunStatus status = RunStatus.FAILED;
    Throwable failure;
    RunLock lock;
  }

  /** The training itself, with the status RUNNING and its heartbeat. */
  private static void train(Training training, TrackerFanOut tracker, RunInfo info, AtomicBoolean cancel,
      Outcome outcome) throws IOException {
    AutoCloseable heartbeat = StatusFile.running(info.runDirectory());
    try {
      tracker.onTrainingBegin(info);
      tracker.onArtifact(info.runDirectory().resolve("experiment.yaml"), "experiment.yaml");
      training.run();
      outcome.status = cancel.get() ? RunStatus.KILLED : RunStatus.FINISHED;
    } catch (Exception | Error ex) {
      outcome.failure = ex;
      outcome.status = cancel.get() ? RunStatus.KILLED : RunStatus.FAILED;
    } finally {
      try {
        heartbeat.close();
      } catch (Exception ex) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static DataSource open(ExperimentLoader.Loaded loaded, PluginContext plugins) throws ExperimentException {
    try {
      return loaded.experiment().dataset().open(plugins);
    } catch (InvalidOptionException ex) {
      Problem p = ex.toProblem(Role.DATASET.key());
      throw new ExperimentException(loaded.file(), p.path(), p.message());
    } catch (IOException | RuntimeException ex) {
      throw new ExperimentException(loaded.file(), Role.DATASET.key(), "cannot read the data: " + ex.getMessage());
    }
  }

  private List<TrackerFanOut.Member> trackers(Experiment e, List<TrackerSpec> extra, RunServices services) {
    List<TrackerSpec> specs = new ArrayList<>(e.trackers());
    specs.addAll(extra);
    if (specs.stream().noneMatch(s -> s instanceof LocalTrackerSpec)) {
      specs.add(new LocalTrackerSpec());
    }
    List<TrackerFanOut.Member> members = new ArrayList<>();
    for (TrackerSpec s : specs) {
      members.add(new TrackerFanOut.Member(typeName(s), s.create(services), s instanceof LocalTrackerSpec));
    }
    return members;
  }

  /**
   * metrics.jsonl, warnings.jsonl when the run warned, and the files of samples/ that are not pictures
   * (the pictures went as images when drawn).
   */
  private static void endArtifacts(TrackerFanOut tracker, Path runDir) {
    tracker.onArtifact(runDir.resolve("metrics.jsonl"), "metrics.jsonl");
    if (Files.exists(runDir.resolve("warnings.jsonl"))) {
      tracker.onArtifact(runDir.resolve("warnings.jsonl"), "warnings.jsonl");
    }
    try (var files = Files.list(runDir.resolve("samples"))) {
      for (Path p : files.sorted().filter(p -> !p.getFileName().toString().endsWith(".png")).toList()) {
        tracker.onArtifact(p, "samples/" + p.getFileName());
      }
    } catch (IOException ignored) {
      // no samples folder: the run failed before the first step
    }
  }

  private String typeName(PluginSpec spec) {
    return registry.ofClass(spec.getClass()).map(t -> t.name()).orElse(spec.getClass().getSimpleName());
  }
}
