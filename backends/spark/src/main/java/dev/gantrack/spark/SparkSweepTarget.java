package dev.gantrack.spark;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.sweep.exec.RemoteSweepTarget;
import dev.gantrack.experiments.sweep.exec.TrialExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --on local[N]} (Spark embedded in this process, N task slots) and {@code --on
 * spark://HOST:PORT} (a standalone cluster). Refused before any trial starts: GPUs asked for in local
 * mode (Spark's local mode cannot schedule GPUs: resources are a cluster manager's), and, on a
 * cluster, a runs folder that a worker cannot see.
 */
public final class SparkSweepTarget implements RemoteSweepTarget {
  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)])?");

  @Override
  public boolean accepts(String target) {
    return LOCAL.matcher(target).matches() || target.startsWith("spark://");
  }

  @Override
  public String forms() {
    return "local[N], spark://HOST:PORT";
  }

  @Override
  public TrialExecutor open(Request request) throws ExperimentException {
    Matcher local = LOCAL.matcher(request.target());
    if (local.matches()) {
      if (request.gpusPerTrial() > 0) {
        throw new ExperimentException(null, "--gpus-per-trial", "Spark's local mode (" + request.target()
            + ") cannot schedule GPUs: resources are assigned by a cluster manager; use --on spark://HOST:PORT with"
            + " workers that offer gpu resources, or --on here, which gives each trial one GPU of this machine");
      }
      int cores = local.group(2) == null ? 1
          : local.group(2).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(local.group(2));
      return SparkTrialExecutor.start(request, cores, true);
    }
    if (!request.target().matches("spark://[^/:]+:\\d+(,[^/:]+:\\d+)*")) {
      throw new ExperimentException(null, "--on " + request.target(), "expected spark://HOST:PORT (a standalone master)");
    }
    if (request.gpusPerTrial() < 0 || request.gpusPerTrial() > 64) {
      throw new ExperimentException(null, "--gpus-per-trial", "must be 0 to 64, got " + request.gpusPerTrial());
    }
    return SparkTrialExecutor.start(request, 0, false);
  }
}
