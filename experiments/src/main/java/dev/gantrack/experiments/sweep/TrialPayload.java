package dev.gantrack.experiments.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * What a trial is sent as to wherever it runs (a child process here, a Spark task there), as one
 * JSON text: the resolved experiment as a string, the run folder, the tags that tie its run to the
 * sweep, and the folder of plugin jars. It is kept in the run folder as {@code trial.json}.
 *
 * @param sweepId the sweep's id
 * @param index the trial's place in the sweep, from 1
 * @param key the hash of its resolved experiment
 * @param overrides what the sweep set, path to value
 * @param experiment the resolved experiment (YAML, absolute paths)
 * @param runDirectory the attempt's run folder (absolute)
 * @param tags added to the run's provenance tags
 * @param plugins the plugins folder, or null
 * @param previousAttempt the run folder of the attempt that crashed or was stopped before this one,
 *     or null: where exact resume ({@code gantrack resume RUN_DIR}) would continue from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialPayload(String sweepId, int index, String key, Map<String, String> overrides, String experiment,
    String runDirectory, Map<String, String> tags, String plugins, String previousAttempt) {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** This payload as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a payload; throws with what is wrong when the text is not one. */
  public static TrialPayload parse(String json) {
    try {
      TrialPayload p = JSON.readValue(json, TrialPayload.class);
      if (p.experiment() == null || p.runDirectory() == null) {
        throw new IllegalArgumentException("a trial payload needs 'experiment' and 'runDirectory'");
      }
      return p;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a trial payload: " + e.getOriginalMessage(), e);
    }
  }
}
