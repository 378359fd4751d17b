package dev.gantrack.api.data;

import dev.gantrack.api.PublicApi;
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
}
