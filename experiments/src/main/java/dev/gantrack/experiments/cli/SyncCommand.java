package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantrack sync RUN_DIR}: replays a run folder's undelivered MLflow calls, idempotently. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Deliver what a run folder still holds for MLflow (idempotent).")
final class SyncCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run folder")
  Path runDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Exit 0 when everything has arrived, {@link Gantrack#FAILED} when some calls are still pending. */
  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(runDir)) {
      throw new ExperimentException(runDir, "", "not a run folder");
    }
    MlflowSync.Result result = MlflowSync.sync(runDir);
    spec.commandLine().getOut().println(result.summary());
    return result.complete() ? 0 : Gantrack.FAILED;
  }
}
