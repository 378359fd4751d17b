package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The two calls of MLflow's REST API everything else is made of ({@link MlflowRest}, {@link StoppableRest}). */
interface MlflowCalls {
  /** GET {@code /api/2.0/mlflow/<path>?query}. */
  JsonNode get(String path, Map<String, String> query) throws MlflowCallException;

  /** POST {@code /api/2.0/mlflow/<path>} with a JSON body. */
  JsonNode post(String path, ObjectNode body) throws MlflowCallException;
}
