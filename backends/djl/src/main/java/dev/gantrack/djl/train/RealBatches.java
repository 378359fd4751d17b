package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.spi.NetworkContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The host data of each step copied to the device in one transfer: the real batches of its k D
 * updates (examples, and labels when a network takes them), and the class labels of the fakes of each
 * D update and of the G update. Each comes from its own stream of the step ({@code data}, {@code
 * labels}, see {@link StepRandomness}), so a seeded run draws the same batches every time, also after a
 * resume; labels travel as floats in the examples' buffer
 * (class numbers below 2^24 are exact) and become int64 on the device. The host buffer is allocated
 * once and reused.
 */
@Singleton
final class RealBatches {
  private final DataSource data;
  private final GanModel model;
  private final int batchSize;
  private final int numClasses;
  private final int updates;
  private final boolean labelled;
  private final int exampleFloats;
  private final float[] buffer;
  private final float[] examples;
  private final int[] labels;
  private final long[] cuts;
  private final StepRandomness random;

  /** One batch on the device: examples (N, ...shape) and labels (N) as int64, or null without labels. */
  record Batch(NDArray x, NDArray labels) {}

  /** One step's inputs on the device: a real batch and the fakes' labels per D update, G's fakes' labels. */
  record StepBatches(List<Batch> real, List<NDArray> fakeLabels, NDArray generatorLabels) {}

  @Inject
  RealBatches(DataSource data, DataShape shape, TrainingSpec training, TturSpec ttur, GanModel model,
      StepRandomness random) {
    this.data = data;
    this.model = model;
    this.batchSize = training.batchSize();
    this.numClasses = shape.numClasses();
    this.updates = ttur.dSteps();
    this.labelled = numClasses > 0 && (model.conditional(NetworkContext.Role.GENERATOR)
        || model.conditional(NetworkContext.Role.DISCRIMINATOR));
    this.exampleFloats = batchSize * shape.exampleLength();
    this.examples = new float[exampleFloats];
    this.labels = new int[batchSize];
    // [examples of update 1 .. k][real labels 1 .. k, fake labels 1 .. k, G's fake labels]
    int labelFloats = labelled ? (2 * updates + 1) * batchSize : 0;
    this.buffer = new float[updates * exampleFloats + labelFloats];
    int pieces = updates - 1 + (labelled ? 1 : 0);
    this.cuts = new long[pieces];
    for (int i = 0; i < pieces; i++) {
      cuts[i] = (long) (i + 1) * exampleFloats;
    }
    this.random = random;
  }

  /** The next step's inputs, in {@code manager}: one copy to the device. */
  StepBatches next(NDManager manager) {
    int labelsAt = updates * exampleFloats;
    SplittableRandom dataOrder = random.stream("data");
    SplittableRandom fakeLabels = random.stream("labels");
    for (int k = 0; k < updates; k++) {
      data.batch(dataOrder, batchSize, examples, labels);
      System.arraycopy(examples, 0, buffer, k * exampleFloats, exampleFloats);
      for (int i = 0; labelled && i < batchSize; i++) {
        buffer[labelsAt + k * batchSize + i] = labels[i];
      }
    }
    for (int i = updates * batchSize; labelled && i < (2 * updates + 1) * batchSize; i++) {
      buffer[labelsAt + i] = fakeLabels.nextInt(numClasses);
    }
    Shape batch = model.batchShape(batchSize);
    NDArray all = manager.create(buffer);
    NDList parts = cuts.length == 0 ? new NDList(all) : all.split(cuts);
    NDList classes = labelled ? parts.get(updates).toType(DataType.INT64, false).split(2L * updates + 1) : null;
    List<Batch> real = new ArrayList<>();
    List<NDArray> fake = new ArrayList<>();
    for (int k = 0; k < updates; k++) {
      real.add(new Batch(parts.get(k).reshape(batch), labelled ? classes.get(k) : null));
      fake.add(labelled ? classes.get(updates + k) : null);
    }
    return new StepBatches(real, fake, labelled ? classes.get(2 * updates) : null);
  }

  /** Examples per batch. */
  int batchSize() {
    return batchSize;
  }
}
