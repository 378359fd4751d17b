package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.util.SplittableRandom;

/**
 * Batches of real examples (and their labels) copied to the device, and random class labels for
 * fakes, each from its own stream of the step ({@code data}, {@code labels}, see {@link
 * StepRandomness}) so a seeded run draws the same batches every time, also after a resume. Host
 * buffers are allocated once and reused.
 */
@Singleton
final class RealBatches {
  private final DataSource data;
  private final GanModel model;
  private final int batchSize;
  private final int numClasses;
  private final float[] examples;
  private final int[] labels;
  private final StepRandomness random;

  /** One batch on the device: examples (N, ...shape) and labels (N) as int64, or null when unlabelled. */
  record Batch(NDArray x, NDArray labels) {}

  @Inject
  RealBatches(DataSource data, DataShape shape, TrainingSpec training, GanModel model, StepRandomness random) {
    this.data = data;
    this.model = model;
    this.batchSize = training.batchSize();
    this.numClasses = shape.numClasses();
    this.examples = new float[batchSize * shape.exampleLength()];
    this.labels = new int[batchSize];
    this.random = random;
  }

  /** The next batch of {@code training.batch-size} real examples, in {@code manager}. */
  Batch next(NDManager manager) {
    data.batch(random.stream("data"), batchSize, examples, labels);
    NDArray x = manager.create(examples, model.batchShape(batchSize));
    NDArray y = numClasses > 0 ? manager.create(labels).toType(DataType.INT64, false) : null;
    return new Batch(x, y);
  }

  /** {@code n} class labels drawn uniformly for fakes (int64), or null when the data is unlabelled. */
  NDArray randomLabels(NDManager manager, int n) {
    return randomLabels(manager, n, random.stream("labels"));
  }

  /** {@code n} class labels drawn uniformly from {@code random} (int64), or null when the data is unlabelled. */
  NDArray randomLabels(NDManager manager, int n, SplittableRandom random) {
    if (numClasses == 0) {
      return null;
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(numClasses);
    }
    return manager.create(y).toType(DataType.INT64, false);
  }

  /** Examples per batch. */
  int batchSize() {
    return batchSize;
  }
}
