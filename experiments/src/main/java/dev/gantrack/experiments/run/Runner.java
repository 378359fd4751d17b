package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Injector;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Problem;
import dev.gantrack.api.PluginContext;
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
import dev.gantrack.trackers.LocalTrackerSpec;
import dev.gantrack.trackers.TrackerFanOut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a loaded experiment: makes the run folder {@code runs/<name>/<timestamp-id>/}, writes the
 * resolved file and provenance, starts the trackers (the local one always), trains on the backend
 * and ends the run as FINISHED, FAILED or KILLED. Never deletes or overwrites an earlier run.
 */
public final class Runner {
  private final PluginRegistry registry;
  private final ExperimentLoader loader;

  public Runner(PluginRegistry registry, ExperimentLoader loader) {
    this.registry = registry;
    this.loader = loader;
  }

  /** What a finished run left behind. */
  public record Result(Path runDirectory, RunStatus status, Throwable failure) {}

  /**
   * Trains {@code loaded} with the trackers of the file plus {@code extraTrackers}, in a new folder
   * under {@code runsRoot}. {@code cancel} turns true to stop (Ctrl-C).
   */
  public Result run(ExperimentLoader.Loaded loaded, List<TrackerSpec> extraTrackers, Path runsRoot, AtomicBoolean cancel)
      throws IOException, ExperimentException {
    Experiment e = loaded.experiment();
    Backend backend = registry.backend(e.backend()).orElseThrow();
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
        + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()).toLowerCase(Locale.ROOT);
    Path runDir = runsRoot.resolve(e.name()).resolve(runId);
    PluginContext plugins = PluginContext.at(loaded.file().toAbsolutePath().getParent());
    DataSource data;
    try {
      data = e.dataset().open(plugins);
    } catch (InvalidOptionException ex) {
      Problem p = ex.toProblem(Role.DATASET.key());
      throw new ExperimentException(loaded.file(), p.path(), p.message());
    } catch (IOException | RuntimeException ex) {
      throw new ExperimentException(loaded.file(), Role.DATASET.key(), "cannot read the data: " + ex.getMessage());
    }
    HostRunContext context = new HostRunContext(runDir, plugins, cancel);
    Injector injector = RunAssembly.injector(loaded.file(), e, data, context, backend, registry);
    RunServices services = injector.getInstance(RunServices.class);

    List<TrackerSpec> specs = new ArrayList<>(e.trackers());
    specs.addAll(extraTrackers);
    if (specs.stream().noneMatch(s -> s instanceof LocalTrackerSpec)) {
      specs.add(new LocalTrackerSpec());
    }
    List<TrackerFanOut.Member> members = new ArrayList<>();
    for (TrackerSpec s : specs) {
      members.add(new TrackerFanOut.Member(typeName(s), s.create(services), s instanceof LocalTrackerSpec));
    }
    RunStatus status = RunStatus.FAILED;
    Throwable failure = null;
    try (TrackerFanOut tracker = new TrackerFanOut(members, 15_000)) {
      context.tracker(tracker);
      try (Training training = RunAssembly.training(loaded.file(), injector, registry)) {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("experiment.yaml"), loaded.resolvedYaml(), StandardCharsets.UTF_8);
        Map<String, String> params = Trees.flatten(loaded.resolved());
        Map<String, String> tags = provenance(e, loaded, backend);
        tags.putAll(training.provenance());
        writeProvenance(runDir, tags, loaded);
        tracker.onTrainingBegin(new RunInfo(runId, e.name(), runDir, params, tags, loaded.resolvedYaml()));
        tracker.onArtifact(runDir.resolve("experiment.yaml"), "experiment.yaml");
        try {
          training.run();
          status = cancel.get() ? RunStatus.KILLED : RunStatus.FINISHED;
        } catch (Exception | Error ex) {
          failure = ex;
          status = cancel.get() ? RunStatus.KILLED : RunStatus.FAILED;
        }
      }
      tracker.onArtifact(runDir.resolve("metrics.jsonl"), "metrics.jsonl");
      try (var files = Files.list(runDir.resolve("samples"))) {
        // the pictures went to the trackers as images when they were drawn; the rest (the points
        // the mode-coverage metric scored) goes now
        for (Path p : files.sorted().filter(p -> !p.getFileName().toString().endsWith(".png")).toList()) {
          tracker.onArtifact(p, "samples/" + p.getFileName());
        }
      } catch (IOException ignored) {
        // no samples folder: the run failed before the first step
      }
      tracker.onTrainingEnd(status);
    }
    Files.writeString(runDir.resolve("status"), status.name() + (failure == null ? "" : "\n" + failure) + "\n");
    return new Result(runDir, status, failure);
  }

  private String typeName(PluginSpec spec) {
    return registry.ofClass(spec.getClass()).map(t -> t.name()).orElse(spec.getClass().getSimpleName());
  }

  private Map<String, String> provenance(Experiment e, ExperimentLoader.Loaded loaded, Backend backend) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("gantrack.version", Versions.gantrack());
    Versions.git().forEach(tags::put);
    tags.put("gantrack.config_hash", sha256(loaded.resolvedYaml()));
    tags.put("gantrack.backend", backend.name());
    tags.put("gantrack.device", e.device());
    tags.put("gantrack.seed", String.valueOf(e.seed()));
    tags.put("gantrack.data", loaded.data().toString());
    tags.put("java.version", System.getProperty("java.version"));
    tags.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Map<String, String> diag = backend.diagnose();
    tags.put("gantrack.engine", diag.getOrDefault("engine", "?"));
    tags.put("gantrack.native_library", diag.getOrDefault("native library", "?"));
    tags.put("gantrack.device", diag.getOrDefault("default device", e.device()).equals("cpu()") || "cpu".equals(e.device())
        ? "cpu" : "auto".equals(e.device()) ? diag.getOrDefault("default device", "?") : e.device());
    for (Role role : Role.values()) {
      List<PluginSpec> filled = role.specs(e);
      for (int i = 0; i < filled.size(); i++) {
        addPlugin(tags, role.path(i), filled.get(i));
      }
    }
    return tags;
  }

  private void addPlugin(Map<String, String> tags, String field, PluginSpec spec) {
    if (spec != null) {
      registry.ofClass(spec.getClass()).ifPresent(t ->
          tags.put("gantrack.plugin." + field, t.name() + " = " + registry.source(t)));
    }
  }

  private void writeProvenance(Path runDir, Map<String, String> tags, ExperimentLoader.Loaded loaded) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("provenance", tags);
    doc.put("source_file", loaded.file().toAbsolutePath().toString());
    doc.put("experiment", loaded.resolved());
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(runDir.resolve("provenance.json"), m.writeValueAsString(doc), StandardCharsets.UTF_8);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
