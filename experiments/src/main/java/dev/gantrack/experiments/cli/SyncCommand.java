package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gantrack sync RUN_DIR}: replays a run folder's undelivered MLflow calls, idempotently. */
final class SyncCommand {
  private SyncCommand() {}

  /** Delivers what is left; true when everything has arrived. */
  static boolean sync(Path runDir, java.io.PrintWriter out) throws ExperimentException {
    if (!Files.isDirectory(runDir)) {
      throw new ExperimentException(runDir, "", "not a run folder");
    }
    MlflowSync.Result result = MlflowSync.sync(runDir);
    out.println(result.summary());
    return result.complete();
  }
}
