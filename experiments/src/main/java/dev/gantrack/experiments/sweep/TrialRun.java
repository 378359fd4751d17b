package dev.gantrack.experiments.sweep;

import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Resumption;
import dev.gantrack.experiments.run.Runner;
import dev.gantrack.experiments.runfolder.RunLock;
import dev.gantrack.experiments.runfolder.StatusFile;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One trial, where it runs: the payload's experiment loaded (and so checked again, on this
 * machine), then trained by the {@link Runner} in the payload's run folder with the sweep's tags,
 * plus where it ran: the GPU address it was given ({@value #GPU_ADDRESS_ENV}) and the intra-op
 * threads it was allowed. A payload that says {@link TrialPayload#resumeFrom()} continues the run in
 * its folder instead, through the path {@code gantrack resume RUN_DIR --checkpoint NAME} takes
 * ({@link Resumption}: the folder locked, its experiment checked, MLflow's undelivered records first,
 * then {@link Runner#resume}); its MLflow run, nested under the sweep's, goes on.
 */
public final class TrialRun {
  /** The environment variable that carries the GPU address a trial was given (a Spark task's, or this machine's slot). */
  public static final String GPU_ADDRESS_ENV = "GANTRACK_GPU_ADDRESS";
  /** The tag naming the GPU address the trial was given. */
  public static final String GPU_TAG = "gantrack.sweep.gpu";
  /** The tag naming the PyTorch intra-op threads the trial was allowed. */
  public static final String THREADS_TAG = "gantrack.sweep.threads";

  private TrialRun() {}

  /**
   * Trains the trial, or resumes it; a problem with its experiment (or a resume refused) is an {@link
   * ExperimentException} before its folder holds a run. {@code say} prints a line to the trial's console.
   */
  public static Runner.Result run(TrialPayload trial, PluginRegistry registry, ExperimentLoader loader, AtomicBoolean cancel,
      Consumer<String> say) throws IOException, ExperimentException {
    Path runDir = Path.of(trial.runDirectory());
    if (trial.resumeFrom() != null) {
      try (Resumption resume = Resumption.prepare(runDir, registry, loader, List.of(), trial.resumeFrom(), false)) {
        say.accept("gantrack: resuming trial " + trial.index() + " in " + runDir + " from " + resume.checkpoint().name());
        MlflowSync.Result delivered = resume.deliverSpool();
        if (delivered.spoolFound()) {
          say.accept("mlflow: " + delivered.summary());
        }
        return new Runner(registry).resume(resume, tags(trial), cancel);
      }
    }
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("trial.json"), trial.toJson(), StandardCharsets.UTF_8);
    Path file = Files.createTempFile("gantrack-trial-" + trial.index() + "-", ".yaml");
    ExperimentLoader.Loaded loaded;
    try {
      Files.writeString(file, trial.experiment(), StandardCharsets.UTF_8);
      loaded = loader.load(file, List.of());
    } catch (ExperimentException e) {
      throw new ExperimentException(null, e.field(), e.problem());
    } finally {
      Files.deleteIfExists(file);
    }
    return new Runner(registry).run(loaded, List.of(), new Runner.Placement(runDir, tags(trial)), cancel);
  }

  /** The sweep's tags, and the GPU and threads this process has. */
  private static Map<String, String> tags(TrialPayload trial) {
    Map<String, String> tags = new LinkedHashMap<>(trial.tags());
    String gpu = System.getenv(GPU_ADDRESS_ENV);
    if (gpu != null && !gpu.isBlank()) {
      tags.put(GPU_TAG, gpu);
    }
    String threads = System.getProperty("ai.djl.pytorch.num_threads");
    if (threads != null) {
      tags.put(THREADS_TAG, threads);
    }
    return tags;
  }

  /**
   * Marks {@code runDir} FAILED with {@code line}: the trial was refused before training (exit 2).
   * Not when a live process trains in the folder (a resume refused as "in use"): its status is that
   * process's.
   */
  public static void refused(Path runDir, String line) throws IOException {
    Files.createDirectories(runDir);
    try (RunLock lock = RunLock.tryAcquire(runDir)) {
      if (lock != null) {
        StatusFile.ended(runDir, RunStatus.FAILED.name(), line);
      }
    }
  }
}
