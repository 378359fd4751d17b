package dev.gantrack.experiments.cli;

import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack run FILE}: loads and checks the experiment, trains it in a new run folder and
 * tracks it. Ctrl-C stops training cleanly: the run ends KILLED with its folder complete, and the
 * command exits {@link Gantrack#KILLED} once its last lines are printed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Train an experiment and track it.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "experiment file (YAML or JSON)")
  Path file;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "override a field: --set training.steps=200 --set loss.type=lsgan")
  List<String> sets = new ArrayList<>();

  @Option(names = "--tracker", paramLabel = "TYPE",
      description = "add a tracker by type (e.g. --tracker mlflow --tracker tensorboard)")
  List<String> trackers = new ArrayList<>();

  @Option(names = "--runs", paramLabel = "DIR", description = "folder runs are written to (default: ./runs)")
  Path runs = Path.of("runs");

  @CommandLine.ParentCommand Gantrack root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Interrupts interrupts = root.interrupts();
    interrupts.cooperate();
    try {
      PluginRegistry registry = common.registry();
      ExperimentLoader loader = new ExperimentLoader(registry);
      ExperimentLoader.Loaded loaded = loader.load(file, sets);
      List<TrackerSpec> extra = loader.trackersOfTypes(trackers);
      PrintWriter err = spec.commandLine().getErr();
      if (interrupts.requested().get()) {
        err.println("gantrack: stopped before training started");
        return Gantrack.KILLED;
      }
      Runner.Result result = new Runner(registry).run(loaded, extra, runs, interrupts.requested());
      return exitCode(result, spec, interrupts, common.debug);
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      interrupts.done();
    }
  }

  /** Prints the run folder and returns the exit code of a run that ended: 0, {@link Gantrack#KILLED}, or 1 after its failure's line. */
  static int exitCode(Runner.Result result, CommandLine.Model.CommandSpec spec, Interrupts interrupts, boolean debug) {
    spec.commandLine().getOut().println("run folder: " + result.runDirectory());
    if (result.status() == RunStatus.FAILED) {
      return new Failures(interrupts.terminal()).trainingFailed(result.failure(), spec.commandLine().getErr(), debug);
    }
    return result.status() == RunStatus.KILLED ? Gantrack.KILLED : 0;
  }
}
