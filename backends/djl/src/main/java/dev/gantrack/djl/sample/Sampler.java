package dev.gantrack.djl.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.run.GanSamples;
import dev.gantrack.djl.train.GanModel;
import dev.gantrack.djl.train.StepRandomness;
import java.util.SplittableRandom;

/**
 * Samples from the run's generator (the EMA copy when there is one) in inference mode: fresh ones for
 * metrics, the fixed grid batch (the same latent vectors all run long) for sample pictures, and the
 * picture itself: a grid for images, a scatter plot over real points for 2-D data.
 */
@Singleton
public final class Sampler implements GanSamples {
  private static final int CHUNK = 512;
  private final GanModel model;
  private final DjlNoiseSpec.Latent latent;
  private final DataSource data;
  private final int[] dataShape;
  private final int exampleLength;
  private final int numClasses;
  private final int side;
  private final NDArray fixedLatent;
  private final NDArray fixedLabels;
  private final StepRandomness random;
  private final NDManager manager;

  @Inject
  Sampler(GanModel model, DjlNoiseSpec.Latent latent, DataSource data, DataShape shape, TrainingSpec training,
      StepRandomness random, NDManager manager) {
    this.model = model;
    this.latent = latent;
    this.data = data;
    this.dataShape = shape.shape();
    this.exampleLength = shape.exampleLength();
    this.numClasses = shape.numClasses();
    this.side = training.sampleGrid();
    int count = side * side;
    this.fixedLatent = latent.sample(manager, new Shape(count, model.latentDim()));
    int[] gridLabels = new int[count];
    for (int i = 0; i < count; i++) {
      gridLabels[i] = numClasses > 0 ? (i % side) % numClasses : 0;
    }
    this.fixedLabels = manager.create(gridLabels).toType(DataType.INT64, false);
    this.random = random;
    this.manager = manager;
  }

  @Override
  public NDArray generate(NDManager manager, int n) {
    NDArray labels = null;
    if (numClasses > 0) {
      int[] y = new int[n];
      SplittableRandom labelRandom = random.stream("sample-labels");
      for (int i = 0; i < n; i++) {
        y[i] = labelRandom.nextInt(numClasses);
      }
      labels = manager.create(y).toType(DataType.INT64, false);
    }
    return model.generate(model.sampler(), latent.sample(manager, new Shape(n, model.latentDim())), labels, false);
  }

  @Override
  public NDArray fixedBatch(NDManager manager) {
    return model.generate(model.sampler(), fixedLatent, fixedLabels, false);
  }

  /** The fixed grid batch as host floats (row-major). */
  public float[] fixedSamples() {
    try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      return fixedBatch(m).toFloatArray();
    }
  }

  /** {@code n} fresh samples as host floats (row-major), generated {@value #CHUNK} at a time. */
  public float[] samples(int n) {
    float[] out = new float[n * exampleLength];
    int done = 0;
    while (done < n) {
      int b = Math.min(CHUNK, n - done);
      try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        float[] part = generate(m, b).toFloatArray();
        System.arraycopy(part, 0, out, done * exampleLength, part.length);
      }
      done += b;
    }
    return out;
  }

  /** The sample picture now: a grid for images, a scatter plot of fresh samples over real points for 2-D data. */
  public SampleImages.Png picture() {
    float[] fake = fixedSamples();
    if (dataShape.length == 3) {
      return SampleImages.grid(fake, dataShape, side);
    }
    int n = Math.max(512, fake.length / Math.max(1, exampleLength));
    float[] real = new float[n * exampleLength];
    data.batch(new SplittableRandom(1), n, real, new int[n]);
    float[] many = samples(n);
    double extent = 1.0;
    for (float v : real) {
      extent = Math.max(extent, Math.abs(v) * 1.25);
    }
    return SampleImages.scatter(many, real, extent);
  }
}
