package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.runfolder.RunListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantrack runs [DIR]}: the runs under a folder, with their status (CRASHED when the process is gone). */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List runs: status (CRASHED when the process is gone), step, idle time, best metric, how to resume.")
final class RunsCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "folder of runs (default: ./runs)")
  Path dir = Path.of("runs");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new ExperimentException(dir, "", "not a folder");
    }
    RunListing.print(RunListing.scan(dir, Instant.now()), spec.commandLine().getOut());
    return 0;
  }
}
