package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack sync RUN_DIR}: replays a run folder's undelivered MLflow calls, idempotently, to the
 * server the run recorded or to {@code --tracking-uri}. Exit 0 when nothing is left to deliver (also
 * when the run has no MLflow records), {@link #LEFT} when records are still left, 2 for bad input.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Deliver what a run folder still holds for MLflow (idempotent). Exit 0: nothing left; 3: records left.")
final class SyncCommand implements Callable<Integer> {
  /** Records are still left in the spool. */
  static final int LEFT = 3;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run folder")
  Path runDir;

  @Option(names = "--tracking-uri", paramLabel = "URI",
      description = "deliver to this MLflow server instead of the one the run recorded (a server that moved)")
  String trackingUri;

  @Option(names = "--max-wait", paramLabel = "SECONDS",
      description = "how long to keep retrying an unreachable server (default: ${DEFAULT-VALUE})")
  long maxWaitSeconds = MlflowSync.DEFAULT_MAX_WAIT.toSeconds();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(runDir)) {
      throw new ExperimentException(runDir, "", "not a run folder");
    }
    if (trackingUri != null && !validUri(trackingUri)) {
      throw new ExperimentException(null, "--tracking-uri", "'" + trackingUri + "' is not an http(s) URI, e.g."
          + " http://127.0.0.1:5000");
    }
    if (maxWaitSeconds < 0) {
      throw new ExperimentException(null, "--max-wait", maxWaitSeconds + " is negative");
    }
    MlflowSync.Result result = MlflowSync.sync(runDir, trackingUri, Duration.ofSeconds(maxWaitSeconds));
    spec.commandLine().getOut().println(result.summary());
    return result.complete() ? 0 : LEFT;
  }

  private static boolean validUri(String s) {
    try {
      URI u = new URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }
}
