package dev.gantrack.djl.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A checkpoint's {@code manifest.json}, written last (after every part's file is on disk): which
 * step it was taken after, and each part's file with its size and SHA-256, so that a damaged or
 * incomplete checkpoint is recognised before anything is restored from it.
 *
 * @param format {@value #FORMAT}
 * @param step the step the checkpoint was written after
 * @param totalSteps {@code training.steps} of the run when it was written
 * @param seed the experiment's seed
 * @param created when it was written (ISO-8601, UTC)
 * @param writeMillis how long the training thread spent collecting and writing it (before the rename)
 * @param parts every part's file, in the order they were saved
 */
record Manifest(
    @JsonProperty("format") String format,
    @JsonProperty("step") long step,
    @JsonProperty("total-steps") long totalSteps,
    @JsonProperty("seed") long seed,
    @JsonProperty("created") String created,
    @JsonProperty("write-ms") double writeMillis,
    @JsonProperty("parts") List<Part> parts) {
  static final String FORMAT = "gantrack-checkpoint/1";
  static final String FILE = "manifest.json";

  /**
   * @param name the part's name (see {@link dev.gantrack.djl.spi.state.RunState})
   * @param file its file in the checkpoint folder
   * @param bytes the file's size
   * @param sha256 the file's SHA-256, hex
   */
  record Part(
      @JsonProperty("name") String name,
      @JsonProperty("file") String file,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("sha256") String sha256) {}

  /** Its parts' files' bytes in total. */
  long bytes() {
    return parts.stream().mapToLong(Part::bytes).sum();
  }
}
