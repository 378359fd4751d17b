package dev.gantrack.experiments.cli;

import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.sweep.PlannedTrial;
import dev.gantrack.experiments.sweep.SweepDefinition;
import dev.gantrack.experiments.sweep.SweepFolder;
import dev.gantrack.experiments.sweep.SweepPlan;
import dev.gantrack.experiments.sweep.SweepPlanner;
import dev.gantrack.experiments.sweep.exec.LocalTrialExecutor;
import dev.gantrack.experiments.sweep.exec.RemoteSweepTarget;
import dev.gantrack.experiments.sweep.exec.SweepProgress;
import dev.gantrack.experiments.sweep.exec.SweepRun;
import dev.gantrack.experiments.sweep.exec.SweepMlflow;
import dev.gantrack.experiments.sweep.exec.TrialExecutor;
import dev.gantrack.trackers.mlflow.MlflowParentRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack sweep FILE --grid PATH=V1,V2 ... --seeds N}: plans the trials (every one loaded
 * and validated first), then runs what is left of them, here (a child JVM per trial, N at a time)
 * or on Spark ({@code --on}), each in its own run folder under {@code runs/sweeps/<sweep id>/},
 * and prints the summary ranked by {@code --rank}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run many trials of an experiment (a grid, random search, seeds) and rank them.")
final class SweepCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "experiment file (its sweep: section, if any, is the default sweep)")
  Path file;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field in every trial")
  List<String> sets = new ArrayList<>();

  @Option(names = "--grid", paramLabel = "PATH=V1,V2", description = "sweep a field over values: every combination is a trial")
  List<String> grid = new ArrayList<>();

  @Option(names = "--range", paramLabel = "PATH=LOW:HIGH[:log|:int]", description = "sample a field (with --random)")
  List<String> ranges = new ArrayList<>();

  @Option(names = "--random", paramLabel = "K", description = "K random trials instead of the whole grid")
  Integer random;

  @Option(names = "--seeds", paramLabel = "N", description = "repeat every trial with N seeds (seed, seed+1, ...)")
  Integer seeds;

  @Option(names = "--rank", paramLabel = "METRIC:min|max", description = "order of the summary, e.g. d_loss:min, modes_captured:max")
  String rank;

  @Option(names = "--parallel", paramLabel = "N", description = "trials at once (default: one per device; the CPU's cores are divided)")
  Integer parallel;

  @Option(names = "--on", paramLabel = "WHERE", description = "here (default), local[N] (Spark in this process) or spark://HOST:PORT")
  String on = "here";

  @Option(names = "--gpus-per-trial", paramLabel = "N", description = "GPUs each Spark task asks for (spark://... only)")
  int gpusPerTrial;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "a Spark setting for --on local[N] | spark://... (e.g. spark.executor.memory=8g)")
  java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

  @Option(names = "--tracker", paramLabel = "TYPE", description = "add a tracker to every trial (e.g. --tracker mlflow)")
  List<String> trackers = new ArrayList<>();

  @Option(names = "--runs", paramLabel = "DIR", description = "folder runs are written to (default: ./runs); the sweep goes to DIR/sweeps/<id>")
  Path runs = Path.of("runs");

  @Option(names = "--dry-run", description = "plan and validate the trials, print them, run nothing")
  boolean dryRun;

  @CommandLine.ParentCommand Gantrack root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Interrupts interrupts = root.interrupts();
    interrupts.cooperate();
    PrintWriter out = spec.commandLine().getOut();
    try {
      PluginRegistry registry = common.registry();
      ExperimentLoader loader = new ExperimentLoader(registry);
      ExperimentLoader.WithSweep base = loader.loadWithSweep(file, sets);
      SweepDefinition def = SweepDefinition.of(file, sets, base.sweep(),
          new SweepDefinition.CommandLine(grid, ranges, seeds, random, rank, parallel));
      SweepPlan plan = new SweepPlanner(loader).plan(def, base, trackers);
      SweepFolder folder = SweepFolder.of(runs, plan.id());
      out.println("gantrack: sweep " + plan.id() + ": " + plan.trials().size() + " trials"
          + (plan.duplicates() > 0 ? " (" + plan.duplicates() + " duplicates left out)" : "") + " -> " + folder.dir());
      if (dryRun) {
        plan.trials().forEach(t -> out.println("  [" + t.index() + "] " + t.label() + "  (" + t.key() + ")"));
        return 0;
      }
      try (TrialExecutor executor = executor(plan, registry)) {
        out.println("  running " + executor.describe());
        out.flush();
        MlflowParentRun parent = SweepMlflow.parent(plan, System.getenv(), out::println);
        if (interrupts.requested().get()) {
          return Gantrack.KILLED;
        }
        SweepRun.Result result;
        try (SweepProgress progress = new SweepProgress(System.out, System.console() != null, plan.trials().size(), 10)) {
          result = new SweepRun(plan, folder, executor, progress, parent, common.plugins).run(interrupts.requested());
        }
        out.println();
        out.print(result.summary().table());
        out.println("gantrack: sweep " + result.status().name().toLowerCase(java.util.Locale.ROOT) + " (" + result.ran()
            + " ran, " + result.skipped() + " skipped); summary: " + folder.summaryFile());
        out.println("compare: gantrack report " + folder.dir() + " > report.html;  tensorboard --logdir " + folder.dir());
        return result.status() == RunStatus.KILLED ? Gantrack.KILLED : result.status() == RunStatus.FAILED ? Gantrack.FAILED : 0;
      }
    } finally {
      out.flush();
      spec.commandLine().getErr().flush();
      interrupts.done();
    }
  }

  private TrialExecutor executor(SweepPlan plan, PluginRegistry registry) throws ExperimentException {
    if (on.equals("here")) {
      if (gpusPerTrial != 0) {
        throw new ExperimentException(null, "--gpus-per-trial", "applies to Spark (--on spark://...); here each trial gets one GPU when there are GPUs");
      }
      return new LocalTrialExecutor(plan.definition().parallel(), Runtime.getRuntime().availableProcessors(), gpus(plan, registry));
    }
    RemoteSweepTarget target = RemoteSweepTarget.find(on).orElseThrow(() -> new ExperimentException(null, "--on " + on,
        "not a place trials can run; allowed: here, local[N], spark://HOST:PORT (Spark needs the backends/spark module on the class path)"));
    return target.open(new RemoteSweepTarget.Request(on, plan.definition().parallel(), gpusPerTrial,
        runs.toAbsolutePath().normalize(), plan, sparkConf));
  }

  /** This machine's GPUs, asked of the backend only when a trial may use one. */
  private static List<String> gpus(SweepPlan plan, PluginRegistry registry) {
    Experiment e = plan.trials().get(0).loaded().experiment();
    if (plan.trials().stream().allMatch(t -> t.loaded().experiment().device().equals("cpu"))
        || plan.trials().stream().map(PlannedTrial::loaded).anyMatch(l -> l.experiment().device().startsWith("gpu:"))) {
      return List.of();
    }
    Backend backend = registry.backend(e.backend()).orElseThrow();
    int n;
    try {
      n = Integer.parseInt(backend.diagnose().getOrDefault("gpus", "0"));
    } catch (NumberFormatException ex) {
      n = 0;
    }
    return IntStream.range(0, n).mapToObj(String::valueOf).toList();
  }
}
