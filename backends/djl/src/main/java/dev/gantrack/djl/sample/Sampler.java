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
import dev.gantrack.djl.spi.NetworkContext;
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
  private final int[] gridLabels;
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
    this.gridLabels = new int[count];
    for (int i = 0; i < count; i++) {
      gridLabels[i] = numClasses > 0 ? (i % side) % numClasses : 0;
    }
    this.fixedLabels = manager.create(gridLabels).toType(DataType.INT64, false);
    this.random = random;
    this.manager = manager;
  }

  /** Generated examples and the class labels G was asked for (null for an unconditional G). */
  public record Draw(NDArray x, NDArray labels) {}

  @Override
  public NDArray generate(NDManager manager, int n) {
    return draw(manager, n).x();
  }

  /** {@code n} fresh samples in {@code manager}, with random labels from {@code labelDraws} for a conditional G. */
  public Draw draw(NDManager manager, int n, SplittableRandom labelDraws) {
    NDArray labels = null;
    if (numClasses > 0) {
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = labelDraws.nextInt(numClasses);
      }
      labels = manager.create(y).toType(DataType.INT64, false);
    }
    NDArray x = model.generate(model.sampler(), latent.sample(manager, new Shape(n, model.latentDim())), labels, false);
    return new Draw(x, model.conditional(NetworkContext.Role.GENERATOR) ? labels : null);
  }

  /** {@code n} fresh samples with the step's stream of random labels. */
  public Draw draw(NDManager manager, int n) {
    return draw(manager, n, random.stream("sample-labels"));
  }

  @Override
  public NDArray fixedBatch(NDManager manager) {
    return fixedDraw(manager).x();
  }

  /** The sample grid's batch and the labels it asks for (null for an unconditional G). */
  public Draw fixedDraw(NDManager manager) {
    NDArray x = model.generate(model.sampler(), fixedLatent, fixedLabels, false);
    return new Draw(x, model.conditional(NetworkContext.Role.GENERATOR)
        ? manager.create(gridLabels).toType(DataType.INT64, false) : null);
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
    return picture(samples(Math.max(512, fake.length / Math.max(1, exampleLength))), side);
  }

  /** The picture of {@code many} samples: a grid {@code columns} wide for images, a scatter plot over as many real points for 2-D data. */
  public SampleImages.Png picture(float[] many, int columns) {
    if (dataShape.length == 3) {
      return SampleImages.grid(many, dataShape, columns);
    }
    int n = Math.max(1, many.length / Math.max(1, exampleLength));
    float[] real = new float[n * exampleLength];
    data.batch(new SplittableRandom(1), n, real, new int[n]);
    double extent = 1.0;
    for (float v : real) {
      extent = Math.max(extent, Math.abs(v) * 1.25);
    }
    return SampleImages.scatter(many, real, extent);
  }
}
