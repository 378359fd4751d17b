package dev.gantrack.experiments.cli;

import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Runner;
import dev.gantrack.experiments.sweep.TrialPayload;
import dev.gantrack.experiments.sweep.TrialRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack trial -}: runs one trial of a sweep, its {@link TrialPayload} read from standard
 * input (or a file), in the run folder the payload names; what a sweep starts in a child process
 * here and in a Spark task there. Hidden: users run {@code gantrack sweep}. Exit codes as {@code
 * run}'s; a trial refused at assembly leaves its reason in the folder's {@code status}.
 */
@Command(name = "trial", hidden = true, mixinStandardHelpOptions = true,
    description = "Run one trial of a sweep (its payload on standard input); used by gantrack sweep.")
final class TrialCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PAYLOAD", description = "trial payload file, or - for standard input")
  String payload;

  @CommandLine.ParentCommand Gantrack root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Interrupts interrupts = root.interrupts();
    interrupts.cooperate();
    try {
      TrialPayload trial = TrialPayload.parse(read(payload));
      PluginRegistry registry = PluginRegistry.discover(trial.plugins() != null ? Path.of(trial.plugins())
          : CommonOptions.DEFAULT_PLUGINS);
      Path runDir = Path.of(trial.runDirectory());
      Runner.Result result;
      try {
        result = TrialRun.run(trial, registry, new ExperimentLoader(registry), interrupts.requested());
      } catch (ExperimentException e) {
        TrialRun.refused(runDir, e.getMessage());
        throw e;
      }
      if (result.status() == RunStatus.FAILED) {
        return new Failures(interrupts.terminal()).trainingFailed(result.failure(), spec.commandLine().getErr(), false);
      }
      return result.status() == RunStatus.KILLED ? Gantrack.KILLED : 0;
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      interrupts.done();
    }
  }

  private static String read(String source) throws IOException {
    if (source.equals("-")) {
      InputStream in = System.in;
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Files.readString(Path.of(source), StandardCharsets.UTF_8);
  }
}
