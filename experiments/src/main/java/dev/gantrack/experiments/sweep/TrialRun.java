package dev.gantrack.experiments.sweep;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Runner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One trial, where it runs: the payload's experiment loaded (and so checked again, on this
 * machine), then trained by the {@link Runner} in the payload's run folder with the sweep's tags,
 * plus where it ran: the GPU address it was given ({@value #GPU_ADDRESS_ENV}) and the intra-op
 * threads it was allowed.
 *
 * <p>Where exact resume would plug in: {@link TrialPayload#previousAttempt()} names the folder of
 * the attempt that crashed or was stopped; once {@code gantrack resume RUN_DIR} exists, a trial whose
 * previous attempt left a checkpoint continues from it here instead of starting again.
 */
public final class TrialRun {
  /** The environment variable that carries the GPU address a trial was given (a Spark task's, or this machine's slot). */
  public static final String GPU_ADDRESS_ENV = "GANTRACK_GPU_ADDRESS";
  /** The tag naming the GPU address the trial was given. */
  public static final String GPU_TAG = "gantrack.sweep.gpu";
  /** The tag naming the PyTorch intra-op threads the trial was allowed. */
  public static final String THREADS_TAG = "gantrack.sweep.threads";

  private TrialRun() {}

  /** Trains the trial; a problem with its experiment is an {@link ExperimentException} before its folder holds a run. */
  public static Runner.Result run(TrialPayload trial, PluginRegistry registry, ExperimentLoader loader, AtomicBoolean cancel)
      throws IOException, ExperimentException {
    Path runDir = Path.of(trial.runDirectory());
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
    Map<String, String> tags = new LinkedHashMap<>(trial.tags());
    String gpu = System.getenv(GPU_ADDRESS_ENV);
    if (gpu != null && !gpu.isBlank()) {
      tags.put(GPU_TAG, gpu);
    }
    String threads = System.getProperty("ai.djl.pytorch.num_threads");
    if (threads != null) {
      tags.put(THREADS_TAG, threads);
    }
    // Exact resume (gantrack resume RUN_DIR) would continue trial.previousAttempt() here; until it exists, a trial starts afresh.
    return new Runner(registry).run(loaded, List.of(), new Runner.Placement(runDir, tags), cancel);
  }

  /** Marks {@code runDir} FAILED with {@code line}: the trial was refused before training (exit 2). */
  public static void refused(Path runDir, String line) throws IOException {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("status"), "FAILED\n" + line.strip() + "\n", StandardCharsets.UTF_8);
  }
}
