package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Idempotent look-ups shared by a run's delivery and a sweep's parent run: the experiment got by
 * name and created only on 404 ("already exists" means someone else just created it), and a run
 * found by a gantrack tag, so that a create whose answer was lost is not repeated.
 */
final class MlflowLookups {
  private MlflowLookups() {}

  /** The id of experiment {@code name}, created when missing; a deleted one is refused with the way out. */
  static String experimentId(MlflowCalls rest, String name) throws MlflowCallException {
    for (int attempt = 0; ; attempt++) {
      try {
        JsonNode exp = rest.get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment");
        if ("deleted".equals(exp.path("lifecycle_stage").asText())) {
          throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
              "MLflow experiment '" + name + "' (id " + exp.path("experiment_id").asText()
                  + ") is deleted; restore it (mlflow experiments restore --experiment-id "
                  + exp.path("experiment_id").asText() + ") or set another 'experiment:'", null);
        }
        return exp.path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!(e.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) || attempt > 0) {
          throw e;
        }
      }
      try {
        ObjectNode req = Spool.JSON.createObjectNode().put("name", name);
        return rest.post("experiments/create", req).path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
          throw e;
        }
        // created meanwhile by someone else: get it by name again
      }
    }
  }

  /** The {@code info} of the run of experiment {@code experimentId} tagged {@code tag = value}, or null. */
  static JsonNode runTagged(MlflowCalls rest, String experimentId, String tag, String value) throws MlflowCallException {
    if (value.contains("'") || value.contains("\\")) {
      return null; // cannot be quoted in a filter; gantrack's ids never contain these
    }
    ObjectNode req = Spool.JSON.createObjectNode();
    req.putArray("experiment_ids").add(experimentId);
    req.put("filter", "tags.`" + tag + "` = '" + value + "'");
    req.put("max_results", 1);
    JsonNode runs = rest.post("runs/search", req).path("runs");
    return runs.isArray() && runs.size() > 0 ? runs.get(0).path("info") : null;
  }
}
