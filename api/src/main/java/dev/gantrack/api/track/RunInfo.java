package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * Identity and provenance of a run, given to every tracker when it begins.
 *
 * @param runId unique id, also the run folder's name
 * @param experimentName the experiment's {@code name:}
 * @param runDirectory the local run folder
 * @param params the resolved experiment flattened to dotted keys ({@code loss.type}, ...)
 * @param tags provenance: versions, plugin types and jars, device, seed, config hash
 * @param resolvedExperiment the resolved experiment file (YAML text)
 * @param resumedAtStep 0 for a new run; for a resumed run, the step of the checkpoint it continues
 *     from (the next step logged is the one after it)
 */
@PublicApi
public record RunInfo(
    String runId,
    String experimentName,
    Path runDirectory,
    Map<String, String> params,
    Map<String, String> tags,
    String resolvedExperiment,
    long resumedAtStep) {
  public RunInfo {
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
  }

  /** A new run (not resumed). */
  public RunInfo(String runId, String experimentName, Path runDirectory, Map<String, String> params,
      Map<String, String> tags, String resolvedExperiment) {
    this(runId, experimentName, runDirectory, params, tags, resolvedExperiment, 0);
  }

  /** True when this run continues an earlier process's run from a checkpoint. */
  public boolean resumed() {
    return resumedAtStep > 0;
  }
}
