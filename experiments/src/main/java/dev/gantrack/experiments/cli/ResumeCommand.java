package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Resumption;
import dev.gantrack.experiments.run.Runner;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack resume RUN_DIR}: continues a run that was stopped or crashed (or, with {@code --set
 * training.steps=N}, one that finished) from its newest sound checkpoint, in the same folder and as
 * the same run in every tracker. MLflow records the run left undelivered go first. Exit codes as for
 * {@code run}; a refusal (a run in use, a changed experiment, a damaged checkpoint) is one line, exit 2.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue a stopped or crashed run from its last checkpoint, in the same folder.")
final class ResumeCommand implements Callable<Integer> {
  /** How long the resume waits for an MLflow server to take the run's undelivered records first. */
  static final Duration SPOOL_WAIT = Duration.ofSeconds(20);

  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder, e.g. runs/mnist-dcgan/20261123-121209-743a")
  Path runDir;

  @Option(names = "--checkpoint", paramLabel = "NAME",
      description = "resume from this checkpoint (e.g. step-000300) instead of the newest")
  String checkpoint;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "override a field: --set training.steps=2000 trains a run further; other changes need --force")
  List<String> sets = new ArrayList<>();

  @Option(names = "--force", description = "resume even though the experiment changed (the changes are recorded)")
  boolean force;

  @CommandLine.ParentCommand Gantrack root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Interrupts interrupts = root.interrupts();
    interrupts.cooperate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      PluginRegistry registry = common.registry();
      ExperimentLoader loader = new ExperimentLoader(registry);
      try (Resumption resume = Resumption.prepare(runDir, registry, loader, sets, checkpoint, force)) {
        out.println("gantrack: resuming " + runDir + " from " + resume.checkpoint().name()
            + (resume.changes().isEmpty() ? "" : " (changed: " + resume.changes() + ")"));
        MlflowSync.Result delivered = MlflowSync.sync(runDir, (String) null, SPOOL_WAIT);
        if (delivered.spoolFound()) {
          out.println("mlflow: " + delivered.summary());
        }
        if (interrupts.requested().get()) {
          err.println("gantrack: stopped before training started");
          return Gantrack.KILLED;
        }
        Runner.Result result = new Runner(registry).resume(resume, interrupts.requested());
        return RunCommand.exitCode(result, spec, interrupts, common.debug);
      }
    } finally {
      out.flush();
      err.flush();
      interrupts.done();
    }
  }
}
