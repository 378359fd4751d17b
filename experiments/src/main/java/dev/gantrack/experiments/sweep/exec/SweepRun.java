package dev.gantrack.experiments.sweep.exec;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.compare.RunRecord;
import dev.gantrack.experiments.compare.SweepSummary;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.runfolder.RunFolderStatus;
import dev.gantrack.experiments.runfolder.StatusFile;
import dev.gantrack.experiments.sweep.NextAttempt;
import dev.gantrack.experiments.sweep.PlannedTrial;
import dev.gantrack.experiments.sweep.SweepFolder;
import dev.gantrack.experiments.sweep.SweepPlan;
import dev.gantrack.experiments.sweep.TrialPayload;
import dev.gantrack.experiments.sweep.TrialStatus;
import dev.gantrack.trackers.mlflow.MlflowParentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a planned sweep to its end, doing with each trial what its latest attempt in the sweep's
 * folder calls for ({@link NextAttempt}): trials that FINISHED or FAILED are skipped; one a live
 * process trains in (another process running the same sweep) is left to it; one that was stopped or
 * whose process died continues in its folder from its newest sound checkpoint (the trial's payload
 * says so: {@link TrialPayload#resumeFrom()}); the rest each get a new attempt folder. They run
 * through the executor, {@link TrialExecutor#slots()} at a time, from as many driver threads
 * (Hyperopt's SparkTrials does the same); each is decided again just before it starts, since another
 * process may have taken it meanwhile. A trial that fails ends alone; the sweep goes on. Ctrl-C
 * ({@code cancel}) stops the running trials (KILLED, with a checkpoint to resume from) and starts no
 * more; those never started count as KILLED. At the end the summary is written ({@code summary.csv},
 * and the table returned) and the sweep's MLflow run, when there is one, ends with the sweep's status
 * and the summary as artifact (unless trials are still training in another process, which ends it).
 */
public final class SweepRun {
  private final SweepPlan plan;
  private final SweepFolder folder;
  private final TrialExecutor executor;
  private final SweepProgress progress;
  private final MlflowParentRun parent;
  private final Path plugins;
  private final PluginRegistry registry;
  private final AtomicInteger ran = new AtomicInteger();
  private final AtomicInteger resumed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();

  /**
   * How the sweep ended, its trials (latest attempts, ranked), how many started now, were resumed, were
   * skipped as done, and how many are left to another process training them.
   */
  public record Result(RunStatus status, SweepSummary summary, int ran, int resumed, int skipped, int left) {
    /** The counts as the console's last line gives them: {@code 2 ran, 1 resumed, 3 skipped}. */
    public String counts() {
      return ran + " ran, " + (resumed > 0 ? resumed + " resumed, " : "") + skipped + " skipped"
          + (left > 0 ? ", " + left + " left to another process" : "");
    }
  }

  /**
   * @param parent the sweep's MLflow run, or null
   * @param plugins the plugins folder trials load, or null
   * @param registry the plugin types: a trial's backend lists its checkpoints
   */
  public SweepRun(SweepPlan plan, SweepFolder folder, TrialExecutor executor, SweepProgress progress,
      MlflowParentRun parent, Path plugins, PluginRegistry registry) {
    this.plan = plan;
    this.folder = folder;
    this.executor = executor;
    this.progress = progress;
    this.parent = parent;
    this.plugins = plugins;
    this.registry = registry;
  }

  /** Runs what is left of the sweep. */
  public Result run(AtomicBoolean cancel) throws IOException, InterruptedException {
    Files.createDirectories(folder.dir());
    folder.writeDefinition(plan, parent == null ? null : parent.runId());
    Queue<PlannedTrial> queue = new ConcurrentLinkedQueue<>();
    int toResume = 0;
    for (PlannedTrial t : plan.trials()) {
      NextAttempt next = decide(t);
      switch (next.action()) {
        case SKIP -> skipped.incrementAndGet();
        case LEAVE -> progress.line("  " + progress.name(t) + ": left to the process training it (" + next.note() + ")");
        case RESUME -> {
          toResume++;
          queue.add(t);
        }
        case START -> queue.add(t);
      }
    }
    int left = plan.trials().size() - skipped.get() - queue.size();
    if (queue.size() < plan.trials().size() || toResume > 0) {
      progress.line("  " + skipped.get() + " of " + plan.trials().size() + " trials already done (skipped)"
          + (left > 0 ? ", " + left + " running in another process (left to it)" : "") + "; "
          + (toResume > 0 ? toResume + " to resume, " : "") + (queue.size() - toResume) + " to run");
    }
    int slots = Math.min(executor.slots(), queue.size());
    ExecutorService drivers = Executors.newFixedThreadPool(Math.max(1, slots), r -> {
      Thread th = new Thread(r, "gantrack-sweep-driver");
      th.setDaemon(true);
      return th;
    });
    List<Future<?>> workers = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
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
    int running = (int) records.stream().filter(r -> r.status() == TrialStatus.RUNNING).count();
    RunStatus status = cancel.get() ? RunStatus.KILLED
        : records.stream().allMatch(r -> r.status() == TrialStatus.FINISHED) ? RunStatus.FINISHED : RunStatus.FAILED;
    if (running == 0 || cancel.get()) {
      endParent(status);
    }
    return new Result(status, summary, ran.get(), resumed.get(), skipped.get(), running);
  }

  /** What to do with {@code t} now. */
  private NextAttempt decide(PlannedTrial t) throws IOException {
    return NextAttempt.decide(folder, t, dir -> registry.backend(t.loaded().experiment().backend()).orElseThrow()
        .checkpoints(dir));
  }

  private void runTrial(PlannedTrial t, int slot, AtomicBoolean cancel) {
    try {
      NextAttempt next = decide(t); // again: another process running this sweep may have taken it since
      Path runDir;
      switch (next.action()) {
        case SKIP -> {
          skipped.incrementAndGet();
          progress.line("  " + progress.name(t) + ": " + next.status().name().toLowerCase(Locale.ROOT) + " meanwhile (skipped)");
          return;
        }
        case LEAVE -> {
          progress.line("  " + progress.name(t) + ": left to the process training it (" + next.note() + ")");
          return;
        }
        case RESUME -> runDir = next.attempt();
        default -> {
          runDir = folder.claimNextAttempt(t).orElse(null);
          if (runDir == null) {
            progress.line("  " + progress.name(t) + ": started by another process meanwhile (left to it)");
            return;
          }
        }
      }
      boolean resume = next.action() == NextAttempt.Action.RESUME;
      TrialPayload payload = new TrialPayload(plan.id(), t.index(), t.key(), t.overrides(), t.experimentYaml(),
          runDir.toString(), tags(t), plugins == null ? null : plugins.toAbsolutePath().toString(),
          !resume && next.attempt() != null ? next.attempt().toString() : null, resume ? next.checkpoint().name() : null);
      (resume ? resumed : ran).incrementAndGet();
      progress.started(t, runDir, next);
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
      RunFolderStatus after = RunFolderStatus.read(runDir, Instant.now());
      if (after.state() == RunFolderStatus.State.CRASHED && (after.contents() == null
          || StatusFile.RUNNING.equals(after.contents().state()))) {
        // the trial's process ended without writing how: it crashed (or could not start)
        StatusFile.ended(runDir, TrialStatus.CRASHED.name(),
            problem != null ? problem : "the trial's process ended with exit code " + exit + " (see console.log)");
      }
      progress.ended(t, RunRecord.read(runDir));
    } catch (IOException | RuntimeException e) {
      progress.line("  " + progress.name(t) + ": cannot record the trial: " + e.getMessage());
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

}
