package dev.gantrack.api.data;

import dev.gantrack.api.PublicApi;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Real examples for training, as plain floats in [-1, 1] (backend-neutral). Batches are drawn with
 * the run's random generator so that a seeded run sees the same batches every time.
 */
@PublicApi
public interface DataSource {
  /** The shape, class count and size of the data. */
  DataShape shape();

  /**
   * Fills {@code x} with {@code n} examples (row-major, {@code n * exampleLength} floats) and, when
   * the data is labelled, {@code labels} with their classes.
   */
  void batch(SplittableRandom random, int n, float[] x, int[] labels);

  /**
   * Fills {@code x} with the examples {@code from} to {@code from + n - 1} in the data's own fixed
   * order (and {@code labels}, when labelled and not null): a pass over all of the data, as metrics
   * make to compute reference statistics. Only for finite data ({@code shape().size() >= 0}).
   */
  default void examples(int from, int n, float[] x, int[] labels) {
    throw new UnsupportedOperationException("this data cannot be read in order");
  }

  /**
   * A fingerprint of the data's content and options (e.g. the SHA-256 of its files and the options
   * that select examples), the same whenever the same examples are read: statistics computed from the
   * data are cached under it. Empty when the data cannot tell (nothing is then cached).
   */
  default Optional<String> fingerprint() {
    return Optional.empty();
  }

  /** The folder the data lives in, where caches of statistics about it are kept; empty for generated data. */
  default Optional<Path> folder() {
    return Optional.empty();
  }
}
