package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;
import dev.gantrack.api.data.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Measures a generator on the host (mode coverage of 2-D points, ...), through any backend: samples
 * and real examples reach it as plain floats, in batches. Made once per run by {@link
 * dev.gantrack.api.spec.HostMetricSpec#create}; a metric that needs the engine (a feature
 * extractor's network, the device) implements its backend's metric interface instead (for DJL,
 * {@code dev.gantrack.djl.spi.DjlMetricSpec}).
 *
 * <p>Call order: {@link #provenance()} once after the run is assembled; {@link #evaluate} every
 * {@code every} steps and at the last (or once, from {@code gantrack eval}), always on the training
 * thread; {@link #close()} once at the end of the run, also when it failed or was stopped.
 *
 * <p>Array lifetimes: the arrays handed to a {@link Batches} callback are reused for the next batch;
 * copy what you keep before the callback returns.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface Metric extends AutoCloseable {

  /** Returns named values, e.g. {@code modes_captured}; names become metric keys of every tracker. */
  Map<String, Double> evaluate(Context context) throws IOException;

  /**
   * What makes this metric's values comparable with another run's: implementation, sample count,
   * extractor and weight hash, ... Keys are short ({@code samples}); gantrack records them as
   * {@code gantrack.metric.<type>.<key>} tags, TensorBoard text and in the run folder.
   */
  default Map<String, String> provenance() {
    return Map.of();
  }

  /** Releases what the metric holds; called once at the end of the run. */
  @Override
  default void close() {}

  /** What a metric may use during one evaluation: generated samples, the real data, the run folder. */
  @PublicApi(PublicApi.Status.EXPERIMENTAL)
  interface Context {
    /** The step being evaluated. */
    long step();

    /**
     * Draws {@code n} fresh samples from the generator (the EMA copy when there is one), at most
     * {@code batchSize} at a time, and hands each batch to {@code batches} before drawing the next.
     */
    void generated(int n, int batchSize, Batches batches) throws IOException;

    /**
     * One pass over the real data: every example in the data's order when it is finite (the first
     * {@code limit} when {@code limit} is smaller), or {@code limit} examples drawn with a fixed seed
     * from endless data (the same ones at every evaluation).
     */
    void real(int limit, int batchSize, Batches batches) throws IOException;

    /** The real data. */
    DataSource data();

    /** The run folder, for files the metric writes (e.g. {@code samples/step-000100.csv}). */
    Path runDirectory();
  }

  /** Receives one batch: {@code count} examples, row-major in {@code x}, with labels (or null). */
  @FunctionalInterface
  @PublicApi(PublicApi.Status.EXPERIMENTAL)
  interface Batches {
    void accept(float[] x, int[] labels, int count) throws IOException;
  }
}
