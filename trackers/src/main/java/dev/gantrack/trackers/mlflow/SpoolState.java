package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What was delivered from a spool ({@code mlflow-spool/state.json}, replaced atomically):
 *
 * @param experimentId the MLflow experiment id, once known
 * @param runId the MLflow run id, once the run exists
 * @param artifactUri the run's {@code artifact_uri} as the server reported it
 * @param delivered the highest {@code seq} whose effect is on the server
 * @param offset the spool byte offset just after entry {@code delivered}
 * @param inflightFrom first {@code seq} of a metrics group whose delivery was started but not
 *     confirmed (0: none); such a group is checked against the server before it is sent again
 * @param inflightTo last {@code seq} of that group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SpoolState(
    @JsonProperty("experimentId") String experimentId,
    @JsonProperty("runId") String runId,
    @JsonProperty("artifactUri") String artifactUri,
    @JsonProperty("delivered") long delivered,
    @JsonProperty("offset") long offset,
    @JsonProperty("inflightFrom") long inflightFrom,
    @JsonProperty("inflightTo") long inflightTo) {

  static final SpoolState EMPTY = new SpoolState(null, null, null, 0, 0, 0, 0);

  /** Reads {@code dir/state.json}, or {@link #EMPTY} when there is none. */
  static SpoolState load(Path dir) throws IOException {
    Path file = dir.resolve(Spool.STATE);
    if (!Files.exists(file)) {
      return EMPTY;
    }
    return Spool.JSON.readValue(file.toFile(), SpoolState.class);
  }

  /** Replaces {@code dir/state.json} atomically and durably. */
  void save(Path dir) throws IOException {
    Spool.writeAtomically(dir.resolve(Spool.STATE), Spool.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
  }

  SpoolState withRun(String experiment, String run, String uri) {
    return new SpoolState(experiment, run, uri, delivered, offset, inflightFrom, inflightTo);
  }

  /** Entries up to {@code seq} delivered; what is still marked in flight after it stays marked. */
  SpoolState withDelivered(long seq, long newOffset) {
    boolean rest = inflightFrom > 0 && inflightTo > seq;
    return new SpoolState(experimentId, runId, artifactUri, seq, newOffset,
        rest ? Math.max(inflightFrom, seq + 1) : 0, rest ? inflightTo : 0);
  }

  /** Entries {@code from..to} marked in flight, together with what already was. */
  SpoolState withInflight(long from, long to) {
    if (inflightFrom > 0) {
      return new SpoolState(experimentId, runId, artifactUri, delivered, offset,
          Math.min(from, inflightFrom), Math.max(to, inflightTo));
    }
    return new SpoolState(experimentId, runId, artifactUri, delivered, offset, from, to);
  }

  /** Whether a delivery of entries {@code from..to} may already have reached the server. */
  boolean uncertain(long from, long to) {
    return inflightFrom > 0 && inflightFrom <= to && inflightTo >= from;
  }
}
