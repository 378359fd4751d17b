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
 */
@PublicApi
public record RunInfo(
    String runId,
    String experimentName,
    Path runDirectory,
    Map<String, String> params,
    Map<String, String> tags,
    String resolvedExperiment) {
  public RunInfo {
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
  }
}
