package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The {@link MlflowRest} calls of one delivery: once delivery is stopped no new request is started
 * (it fails as {@link MlflowCallException.Kind#NOT_SENT}), and every request started is counted in
 * {@link DeliveryStats#requests}.
 */
final class StoppableRest implements MlflowCalls {
  private final MlflowRest rest;
  private final BooleanSupplier stopped;
  private final DeliveryStats stats;

  StoppableRest(MlflowRest rest, BooleanSupplier stopped, DeliveryStats stats) {
    this.rest = rest;
    this.stopped = stopped;
    this.stats = stats;
  }

  /** {@link MlflowRest#get}. */
  @Override
  public JsonNode get(String path, Map<String, String> query) throws MlflowCallException {
    start();
    return rest.get(path, query);
  }

  /** {@link MlflowRest#post}. */
  @Override
  public JsonNode post(String path, ObjectNode body) throws MlflowCallException {
    start();
    return rest.post(path, body);
  }

  /** {@link MlflowRest#putArtifact(String, String, Path, long)}. */
  void putArtifact(String root, String artifactPath, Path file, long size) throws MlflowCallException {
    start();
    rest.putArtifact(root, artifactPath, file, size);
  }

  /** {@link MlflowRest#putArtifact(String, String, byte[])}. */
  void putArtifact(String root, String artifactPath, byte[] content) throws MlflowCallException {
    start();
    rest.putArtifact(root, artifactPath, content);
  }

  private void start() throws MlflowCallException {
    if (stopped.getAsBoolean()) {
      throw new MlflowCallException(MlflowCallException.Kind.NOT_SENT, 0, "", "stopped", null);
    }
    stats.requests++;
  }
}
