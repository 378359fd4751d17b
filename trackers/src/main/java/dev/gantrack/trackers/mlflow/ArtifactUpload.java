package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Delivers {@code artifact} and {@code keymap} entries: files (images kept in the spool's {@code
 * blobs/}, or run files) and the key map ({@value #KEY_MAP}) uploaded through the server's artifact
 * proxy to the same path each time, and the key map's {@code gantrack.key-map} tag. A server that
 * does not proxy the run's artifacts gets one warning and no uploads; a file that is missing gets
 * one warning and is skipped.
 */
final class ArtifactUpload {
  /** The key map's artifact path. */
  static final String KEY_MAP = "gantrack.key-map.json";

  private final Path spoolDir;
  private final Path runDir;
  private final StoppableRest rest;
  private final DeliveryLedger ledger;
  private final DeliveryStats stats;
  private final Consumer<String> warn;
  private boolean warnedNoProxy;

  ArtifactUpload(Path spoolDir, StoppableRest rest, DeliveryLedger ledger, DeliveryStats stats, Consumer<String> warn) {
    this.spoolDir = spoolDir;
    this.runDir = spoolDir.getParent();
    this.rest = rest;
    this.ledger = ledger;
    this.stats = stats;
    this.warn = warn;
  }

  /**
   * Uploads the file of an {@code artifact} entry; true when it was uploaded, false when it was
   * skipped (no proxy, file missing or gone). Throws when the upload failed.
   */
  boolean upload(Entry e) throws MlflowCallException, IOException {
    String artifactPath = e.json().path("path").asText();
    Path file = file(e.json());
    String root = proxiedRoot();
    if (root == null) {
      return false;
    }
    if (!Files.isRegularFile(file)) {
      warn.accept("mlflow: artifact " + artifactPath + " not uploaded: " + file + " is missing or not a file");
      return false;
    }
    long size = Files.size(file);
    try {
      rest.putArtifact(root, artifactPath, file, size);
    } catch (MlflowCallException ex) {
      if (ex.status() == 0 && ex.kind() == MlflowCallException.Kind.REJECTED) { // file vanished
        warn.accept("mlflow: artifact " + artifactPath + " not uploaded: " + ex.getMessage());
        return false;
      }
      throw ex;
    }
    stats.artifacts++;
    return true;
  }

  /** Deletes the image blob of an uploaded {@code artifact} entry (once the entry is acknowledged). */
  void removeBlob(Entry e) throws IOException {
    if (e.json().path("blob").asBoolean(false)) {
      Files.deleteIfExists(file(e.json()));
    }
  }

  /**
   * Delivers a {@code keymap} entry: uploads the map (unless the entry says not to) and sets the
   * {@code gantrack.key-map} tag to it, or to where it is when it is too long for a tag.
   */
  void keyMap(Entry e) throws MlflowCallException, IOException {
    ObjectNode map = (ObjectNode) e.json().path("map");
    String text = Spool.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(map);
    boolean upload = e.json().path("upload").asBoolean(true);
    String root = upload ? proxiedRoot() : null;
    if (root != null) {
      rest.putArtifact(root, KEY_MAP, Spool.utf8(text));
      stats.artifacts++;
    }
    String compact = Spool.JSON.writeValueAsString(map);
    String tagValue = compact.length() <= MlflowKeys.MAX_TAG_VALUE_LENGTH
        ? compact
        : root != null ? "see artifact " + KEY_MAP : MlflowKeys.truncate(compact, MlflowKeys.MAX_TAG_VALUE_LENGTH);
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", ledger.state().runId());
    req.put("key", "gantrack.key-map");
    req.put("value", tagValue);
    rest.post("runs/set-tag", req);
  }

  private Path file(JsonNode entry) {
    String f = entry.path("file").asText();
    if (entry.path("blob").asBoolean(false)) {
      return spoolDir.resolve(f);
    }
    Path p = Path.of(f);
    return p.isAbsolute() ? p : runDir.resolve(p);
  }

  /**
   * The run's artifact root as a path under the proxy ({@code 1/<run>/artifacts}), or null (with
   * one warning) when the server does not proxy this run's artifacts.
   */
  private String proxiedRoot() {
    String uri = ledger.state().artifactUri();
    if (uri != null && uri.startsWith("mlflow-artifacts:")) {
      String path = URI.create(uri).getPath();
      if (path != null) {
        while (path.startsWith("/")) {
          path = path.substring(1);
        }
        while (path.endsWith("/")) {
          path = path.substring(0, path.length() - 1);
        }
        return path;
      }
    }
    if (!warnedNoProxy) {
      warnedNoProxy = true;
      warn.accept("mlflow: artifacts are not uploaded: the server stores this run's artifacts at '" + uri
          + "', which gantrack can reach only through the server's artifact proxy (start the server "
          + "with --serve-artifacts and --artifacts-destination); they stay in the run folder");
    }
    return null;
  }
}
