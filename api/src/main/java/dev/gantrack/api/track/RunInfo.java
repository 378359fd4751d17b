package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identity and provenance of a run, given to every tracker when it begins.
 *
 * @param runId unique id, also the run folder's name
 * @param experimentName the experiment's {@code name:}
 * @param runDirectory the local run folder
 * @param params the resolved experiment flattened to dotted keys ({@code loss.type}, ...)
 * @param tags provenance: versions, plugin types and jars, device, seed, config hash; for a sweep's
 *     trial also the sweep's tags ({@value #SWEPT_TAG}, {@code gantrack.sweep.id}, {@code mlflow.parentRunId})
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
  /** The tag of a sweep's trial that lists the option paths its sweep varied, comma-separated. */
  public static final String SWEPT_TAG = "gantrack.sweep.overrides";

  public RunInfo {
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
  }

  /**
   * The params runs are compared by: for a sweep's trial (tag {@value #SWEPT_TAG}) only the options
   * its sweep varied (a path that names a section brings the options under it), else all of them.
   * MLflow's params and TensorBoard's HParams are these.
   */
  public Map<String, String> comparedParams() {
    String swept = tags.get(SWEPT_TAG);
    if (swept == null) {
      return params;
    }
    List<String> paths = List.of(swept.split(","));
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (paths.stream().anyMatch(p -> k.equals(p) || k.startsWith(p + "."))) {
        out.put(k, v);
      }
    });
    return out;
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
