package dev.gantrack.experiments.sweep.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.compare.RunRecord;
import dev.gantrack.experiments.compare.SweepSummary;
import dev.gantrack.experiments.sweep.PlannedTrial;
import dev.gantrack.experiments.sweep.SweepFolder;
import dev.gantrack.experiments.sweep.SweepPlan;
import dev.gantrack.experiments.sweep.SweptOption;
import dev.gantrack.experiments.sweep.TrialPayload;
import dev.gantrack.experiments.sweep.TrialStatus;
import dev.gantrack.trackers.mlflow.MlflowParentRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a planned sweep to its end. Trials whose latest attempt in the sweep's folder is done
 * (FINISHED or FAILED) are skipped; the rest each get a new attempt folder and run through the
 * executor, {@link TrialExecutor#slots()} at a time, from as many driver threads (Hyperopt's
 * SparkTrials does the same). A trial that fails ends alone; the sweep goes on. Ctrl-C ({@code
 * cancel}) stops the running trials (KILLED) and starts no more; those never started count as
 * KILLED. At the end the summary is written ({@code summary.csv}, and the table returned) and the
 * sweep's MLflow run, when there is one, ends with the sweep's status and the summary as artifact.
 */
public final class SweepRun {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final SweepPlan plan;
  private final SweepFolder folder;
  private final TrialExecutor executor;
  private final SweepProgress progress;
  private final MlflowParentRun parent;
  private final Path plugins;

  /** How the sweep ended, its trials (latest attempts, ranked) and how many ran now or were skipped. */
  public record Result(RunStatus status, SweepSummary summary, int ran, int skipped) {}

  /**
   * @param parent the sweep's MLflow run, or null
   * @param plugins the plugins folder trials load, or null
   */
  public SweepRun(SweepPlan plan, SweepFolder folder, TrialExecutor executor, SweepProgress progress,
      MlflowParentRun parent, Path plugins) {
    this.plan = plan;
    this.folder = folder;
    this.executor = executor;
    this.progress = progress;
    this.parent = parent;
    this.plugins = plugins;
  }

  /** Runs what is left of the sweep. */
  public Result run(AtomicBoolean cancel) throws IOException, InterruptedException {
    Files.createDirectories(folder.dir());
    writeDefinition();
    Queue<PlannedTrial> queue = new ConcurrentLinkedQueue<>();
    int skipped = 0;
    for (PlannedTrial t : plan.trials()) {
      Path latest = folder.latestAttempt(t.key()).orElse(null);
      TrialStatus status = latest == null ? TrialStatus.NOT_STARTED : TrialStatus.of(latest);
      if (status.done()) {
        skipped++;
      } else {
        queue.add(t);
      }
    }
    if (skipped > 0) {
      progress.line("  " + skipped + " of " + plan.trials().size() + " trials already done (skipped); "
          + queue.size() + " to run");
    }
    int toRun = queue.size();
    ExecutorService drivers = Executors.newFixedThreadPool(Math.max(1, Math.min(executor.slots(), toRun)), r -> {
      Thread th = new Thread(r, "gantrack-sweep-driver");
      th.setDaemon(true);
      return th;
    });
    List<Future<?>> workers = new ArrayList<>();
    for (int slot = 0; slot < Math.min(executor.slots(), toRun); slot++) {
      int s = slot;
      workers.add(drivers.submit(() -> {
        PlannedTrial t;
        while (!cancel.get() && (t = queue.poll()) != null) {
          runTrial(t, s, cancel);
        }
        return null;
      }));
    }
    drivers.shutdown();
    for (Future<?> w : workers) {
      try {
        w.get();
      } catch (java.util.concurrent.ExecutionException e) {
        progress.line("  a sweep driver thread failed: " + e.getCause());
      }
    }
    drivers.awaitTermination(1, TimeUnit.MINUTES);
    List<RunRecord> records = new ArrayList<>();
    for (PlannedTrial t : plan.trials()) {
      records.add(latestRecord(t));
    }
    SweepSummary summary = new SweepSummary(records, plan.definition().rank());
    summary.writeCsv(folder.summaryFile());
    RunStatus status = cancel.get() ? RunStatus.KILLED
        : records.stream().allMatch(r -> r.status() == TrialStatus.FINISHED) ? RunStatus.FINISHED : RunStatus.FAILED;
    endParent(status);
    return new Result(status, summary, toRun - queue.size(), skipped);
  }

  private void runTrial(PlannedTrial t, int slot, AtomicBoolean cancel) {
    try {
      Path previous = folder.latestAttempt(t.key()).orElse(null);
      Path runDir = folder.nextAttempt(t);
      TrialPayload payload = new TrialPayload(plan.id(), t.index(), t.key(), t.overrides(), t.experimentYaml(),
          runDir.toString(), tags(t), plugins == null ? null : plugins.toAbsolutePath().toString(),
          previous == null ? null : previous.toString());
      progress.started(t, runDir);
      int exit;
      String problem = null;
      try {
        exit = executor.run(new TrialJob(t, payload, runDir, slot), cancel::get);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exit = -1;
        problem = "interrupted";
      } catch (Exception e) {
        exit = -1;
        problem = "could not run: " + e.getMessage();
      }
      if (!Files.isRegularFile(runDir.resolve("status"))) {
        // the trial's process never wrote how it ended: it crashed (or could not start)
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("status"), TrialStatus.CRASHED.name() + "\n"
            + (problem != null ? problem : "the trial's process ended with exit code " + exit + " (see console.log)") + "\n",
            StandardCharsets.UTF_8);
      }
      progress.ended(t, RunRecord.read(runDir));
    } catch (IOException e) {
      progress.line("  [" + t.index() + "] cannot record the trial: " + e.getMessage());
    }
  }

  private Map<String, String> tags(PlannedTrial t) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(MlflowParentRun.SWEEP_TAG, plan.id());
    tags.put("gantrack.sweep.trial", String.valueOf(t.index()));
    tags.put("gantrack.sweep.key", t.key());
    tags.put(RunInfo.SWEPT_TAG, String.join(",", t.overrides().keySet()));
    if (parent != null) {
      tags.put(MlflowParentRun.PARENT_RUN_TAG, parent.runId());
    }
    return tags;
  }

  private RunRecord latestRecord(PlannedTrial t) throws IOException {
    Path latest = folder.latestAttempt(t.key()).orElse(null);
    if (latest != null) {
      return RunRecord.read(latest);
    }
    return new RunRecord(null, String.format("%03d-%s", t.index(), t.key()), t.index(), t.overrides(), TrialStatus.KILLED,
        "stopped before it started", t.steps(), 0, Map.of(), List.of());
  }

  private void endParent(RunStatus status) {
    if (parent == null) {
      return;
    }
    try {
      parent.upload(folder.summaryFile(), "summary.csv");
      parent.end(status);
    } catch (IOException e) {
      progress.line("  warning: " + e.getMessage());
    }
  }

  private void writeDefinition() throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", plan.id());
    doc.put("file", plan.definition().file().toAbsolutePath().toString());
    doc.put("sets", plan.definition().sets());
    Map<String, String> swept = new LinkedHashMap<>();
    for (SweptOption o : plan.definition().options()) {
      swept.put(o.path(), o.describe());
    }
    doc.put("swept", swept);
    doc.put("seeds", plan.definition().seeds());
    doc.put("random", plan.definition().random());
    doc.put("rank", plan.definition().rank() == null ? null : plan.definition().rank().toString());
    if (parent != null) {
      doc.put("mlflow_parent_run", parent.runId());
    }
    List<Map<String, Object>> trials = new ArrayList<>();
    for (PlannedTrial t : plan.trials()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", t.index());
      m.put("key", t.key());
      m.put("overrides", t.overrides());
      trials.add(m);
    }
    doc.put("trials", trials);
    Files.writeString(folder.definitionFile(), JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
  }
}
