package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records one run. Callbacks follow DJL's listener names plus what a GAN run produces; they are
 * called from one thread in order, with values already copied to the host (never tensors). A
 * tracker that talks to a network must not block: gantrack calls trackers behind a bounded
 * asynchronous fan-out, but a tracker should still return quickly.
 */
@PublicApi
public interface Tracker extends AutoCloseable {

  /**
   * The run starts: its identity, options and provenance. For a resumed run ({@link
   * RunInfo#resumedAtStep()} > 0) it continues the run of the same id from the checkpoint of that
   * step: steps up to it were recorded by an earlier process, and anything recorded after it (before
   * that process died) is stale and is logged again.
   */
  default void onTrainingBegin(RunInfo run) {}

  /** Scalars at a step, e.g. {@code d_loss}, {@code g_loss}, {@code d_real}, {@code lr_d}. */
  default void onMetrics(long step, Map<String, Double> metrics) {}

  /** An image at a step (a PNG), e.g. the sample grid under tag {@code samples}. */
  default void onImage(long step, String tag, byte[] png, int width, int height) {}

  /** A distribution at a step, e.g. a layer's weights under {@code D/weights/conv0}. */
  default void onHistogram(long step, String tag, float[] values) {}

  /** A file of the run folder worth keeping, at {@code artifactPath} (relative, '/' separated). */
  default void onArtifact(Path file, String artifactPath) {}

  /**
   * The run is about to write the checkpoint of {@code step}: make durable (written to the file
   * system, not only buffered) everything given so far. A run resumed from that checkpoint logs only
   * the steps after it, so what is not durable now would be missing after a crash. The training
   * thread waits (at most a few seconds) until every tracker has returned from this call.
   */
  default void onCheckpoint(long step) {}

  /** The run ended; final metrics are the last values logged. */
  default void onTrainingEnd(RunStatus status) {}

  /** Delivers what is pending and releases resources; waits at most a few seconds. */
  @Override
  default void close() {}
}
