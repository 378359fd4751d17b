package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * A trained run's generator restored from a checkpoint, for {@code gantrack eval} and {@code
 * gantrack sample}. A backend binds it in its run module; the host obtains it from the injector of a
 * run assembled from the run folder's resolved experiment (with the metrics the user asked for), so
 * metrics and the feature extractor are built exactly as in training. Samples come from G's EMA copy
 * when the checkpoint has one. Closing it frees the run's memory.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface Evaluation extends AutoCloseable {
  /**
   * Sets the run's networks (G and its EMA copy among them) to checkpoint folder {@code checkpoint},
   * one of {@link dev.gantrack.api.Backend#checkpoints}, and returns the step it was written after.
   */
  long restore(Path checkpoint) throws IOException;

  /** Which network samples come from: {@code G's EMA copy} when the run has one, else {@code G}. */
  String generator();

  /**
   * Evaluates every metric of the experiment once, recorded as {@code step}. With {@code grid} the
   * generated samples are the sample grid's fixed batch ({@code training.sample-grid}² samples, the
   * latents of the run's pictures) instead of fresh ones. {@code progress} receives the fraction done.
   */
  Map<String, Double> evaluate(long step, boolean grid, DoubleConsumer progress) throws IOException;

  /** The metrics' provenance tags, as {@link Training#provenance()} gives them. */
  Map<String, String> provenance();

  /** {@code n} fresh samples (row-major floats), the engine's random numbers seeded with {@code seed}. */
  float[] sample(int n, long seed);

  /** A PNG of {@code samples}: a grid {@code columns} wide for images, a scatter plot over real points for 2-D data. */
  byte[] picture(float[] samples, int columns);

  @Override
  void close();
}
