package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Backend;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.run.Training;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.runfolder.RunLock;
import dev.gantrack.experiments.runfolder.StatusFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resume of a run folder, checked before anything changes: the folder is locked (two processes never
 * resume one run), the experiment is read back from {@code experiment.yaml} (relative paths against the
 * folder of the file the run was made from) with any {@code --set}, compared field by field with what
 * the run trained with ({@link ExperimentChanges}), and the checkpoint is chosen and checked. Once the
 * run's parts are restored, {@link #record} notes the resume in {@code provenance.json} (and writes
 * the changed experiment back).
 */
public final class Resumption implements AutoCloseable {
  private final Path runDir;
  private final RunLock lock;
  private final ExperimentLoader.Loaded loaded;
  private final CheckpointInfo checkpoint;
  private final ExperimentChanges changes;
  private final boolean forced;
  private final ObjectNode provenance;
  private final List<TrackerSpec> commandLineTrackers;

  private Resumption(Path runDir, RunLock lock, ExperimentLoader.Loaded loaded, CheckpointInfo checkpoint,
      ExperimentChanges changes, boolean forced, ObjectNode provenance, List<TrackerSpec> commandLineTrackers) {
    this.runDir = runDir;
    this.lock = lock;
    this.loaded = loaded;
    this.checkpoint = checkpoint;
    this.changes = changes;
    this.forced = forced;
    this.provenance = provenance;
    this.commandLineTrackers = commandLineTrackers;
  }

  /**
   * Checks that {@code runDir} can be resumed from {@code checkpointName} (null: its newest checkpoint)
   * with {@code overrides}, and locks it; every refusal is an ExperimentException (one line, exit 2).
   */
  public static Resumption prepare(Path runDir, PluginRegistry registry, ExperimentLoader loader, List<String> overrides,
      String checkpointName, boolean force) throws ExperimentException, IOException {
    Path experimentFile = runDir.resolve("experiment.yaml");
    if (!Files.isDirectory(runDir) || !Files.isRegularFile(experimentFile)
        || !Files.isRegularFile(runDir.resolve(Provenance.FILE))) {
      throw new ExperimentException(runDir, "", "not a run folder (it needs experiment.yaml and provenance.json)");
    }
    RunLock lock = RunLock.tryAcquire(runDir);
    StatusFile.Contents status = StatusFile.read(runDir);
    if (lock == null || (status != null && status.aliveElsewhere(Instant.now()))) {
      if (lock != null) {
        lock.close();
      }
      throw new ExperimentException(runDir, "", "in use: " + holder(runDir) + " is training in it; wait for it to end");
    }
    try {
      ObjectNode provenance = Provenance.read(runDir);
      String source = provenance.path("source_file").asText("");
      Path folder = source.isEmpty() ? runDir.toAbsolutePath() : Path.of(source).getParent();
      ExperimentLoader.Loaded loaded = loader.load(experimentFile, folder, overrides);
      Backend backend = registry.backend(loaded.experiment().backend()).orElseThrow();
      CheckpointInfo checkpoint = CheckpointChoice.choose(runDir, backend.checkpoints(runDir), checkpointName);
      ExperimentChanges changes = ExperimentChanges.between(provenance.path("experiment"), loaded.resolved());
      changes.check(experimentFile, checkpoint, loaded.experiment().training().steps(), force);
      List<String> types = new ArrayList<>();
      provenance.path(Provenance.COMMAND_LINE_TRACKERS).forEach(t -> types.add(t.asText()));
      return new Resumption(runDir, lock, loaded, checkpoint, changes, force, provenance,
          loader.trackersOfTypes(types));
    } catch (ExperimentException | IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Who holds the lock of {@code runDir}, as its status says. */
  private static String holder(Path runDir) throws IOException {
    StatusFile.Contents s = StatusFile.read(runDir);
    if (s == null || s.field("pid") == null) {
      return "another process";
    }
    return "process " + s.field("pid") + " on " + s.field("host") + " (heartbeat " + s.field("heartbeat") + ")";
  }

  /** The run folder. */
  public Path runDirectory() {
    return runDir;
  }

  /** The experiment as the resumed run trains it. */
  public ExperimentLoader.Loaded loaded() {
    return loaded;
  }

  /** The checkpoint it continues from. */
  public CheckpointInfo checkpoint() {
    return checkpoint;
  }

  /** The trackers the run was given on the command line ({@code --tracker}), given again. */
  public List<TrackerSpec> commandLineTrackers() {
    return commandLineTrackers;
  }

  /** The fields that differ from what the run trained with so far. */
  public ExperimentChanges changes() {
    return changes;
  }

  /** Restores the run's parts from the checkpoint; a checkpoint that does not fit is one line, exit 2. */
  long restore(Training training) throws ExperimentException {
    try {
      return training.restore(checkpoint.path());
    } catch (IOException e) {
      throw new ExperimentException(checkpoint.path(), "", "cannot resume from it: " + e.getMessage());
    }
  }

  /**
   * Notes this resume in {@code provenance.json} ({@code resumes}: when, from which checkpoint, what
   * changed, by which process) and writes a changed experiment back; adds the resume's tags to {@code tags}.
   */
  void record(Map<String, String> tags) throws IOException {
    ObjectNode entry = Provenance.JSON.createObjectNode();
    entry.put("time", Instant.now().toString());
    entry.put("checkpoint", checkpoint.name());
    entry.put("step", checkpoint.step());
    entry.set("changed", changes.toJson());
    entry.put("forced", forced);
    entry.put("pid", ProcessHandle.current().pid());
    entry.put("host", StatusFile.host());
    Provenance.addResume(provenance, entry);
    if (!changes.isEmpty()) {
      Files.writeString(runDir.resolve("experiment.yaml"), loaded.resolvedYaml(), StandardCharsets.UTF_8);
      provenance.set("experiment", loaded.resolved());
      JsonNode p = provenance.path("provenance");
      if (p instanceof ObjectNode obj) {
        obj.put("gantrack.config_hash", tags.get("gantrack.config_hash"));
      }
    }
    Provenance.save(runDir, provenance);
    int count = provenance.path("resumes").size();
    tags.put("gantrack.resumes", String.valueOf(count));
    tags.put("gantrack.resume." + count, "from " + checkpoint.name() + (changes.isEmpty() ? "" : "; " + changes));
  }

  /** Releases the run folder's lock. */
  @Override
  public void close() throws IOException {
    lock.close();
  }
}
