package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RandomStreams;
import dev.gantrack.djl.spi.NetworkContext;
import java.util.SplittableRandom;

/**
 * Batches of real examples (and their labels) copied to the device, and random class labels for
 * fakes, each from its own seeded stream ({@code data}, {@code labels}) so a seeded run draws the
 * same batches every time. Labels exist only when a network takes them (G or D conditional); a real
 * batch is one copy to the device, its labels travelling in the same buffer as its examples. Host
 * buffers are allocated once and reused.
 */
@Singleton
final class RealBatches {
  private final DataSource data;
  private final GanModel model;
  private final int batchSize;
  private final int numClasses;
  private final boolean labelled;
  private final int exampleFloats;
  private final float[] buffer;
  private final float[] examples;
  private final int[] labels;
  private final SplittableRandom dataOrder;
  private final SplittableRandom fakeLabels;

  /** One batch on the device: examples (N, ...shape) and labels (N) as int64, or null when unlabelled. */
  record Batch(NDArray x, NDArray labels) {}

  @Inject
  RealBatches(DataSource data, DataShape shape, TrainingSpec training, GanModel model, RandomStreams random) {
    this.data = data;
    this.model = model;
    this.batchSize = training.batchSize();
    this.numClasses = shape.numClasses();
    this.labelled = numClasses > 0 && (model.conditional(NetworkContext.Role.GENERATOR)
        || model.conditional(NetworkContext.Role.DISCRIMINATOR));
    this.exampleFloats = batchSize * shape.exampleLength();
    this.examples = new float[exampleFloats];
    this.buffer = labelled ? new float[exampleFloats + batchSize] : examples;
    this.labels = new int[batchSize];
    this.dataOrder = random.stream("data");
    this.fakeLabels = random.stream("labels");
  }

  /** The next batch of {@code training.batch-size} real examples, in {@code manager}: one copy to the device. */
  Batch next(NDManager manager) {
    data.batch(dataOrder, batchSize, examples, labels);
    if (!labelled) {
      return new Batch(manager.create(examples, model.batchShape(batchSize)), null);
    }
    System.arraycopy(examples, 0, buffer, 0, exampleFloats);
    for (int i = 0; i < batchSize; i++) {
      buffer[exampleFloats + i] = labels[i]; // class numbers below 2^24 are exact as floats
    }
    NDList parts = manager.create(buffer).split(new long[] {exampleFloats});
    return new Batch(parts.get(0).reshape(model.batchShape(batchSize)), parts.get(1).toType(DataType.INT64, false));
  }

  /** {@code n} class labels drawn uniformly for fakes (int64), or null when no network takes labels. */
  NDArray randomLabels(NDManager manager, int n) {
    return labelled ? randomLabels(manager, n, fakeLabels) : null;
  }

  /** {@code n} class labels drawn uniformly from {@code random} (int64), or null when the data is unlabelled. */
  NDArray randomLabels(NDManager manager, int n, SplittableRandom random) {
    if (numClasses == 0) {
      return null;
    }
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(numClasses);
    }
    return manager.create(y);
  }

  /** Examples per batch. */
  int batchSize() {
    return batchSize;
  }
}
