package dev.gantrack.djl.metric;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.track.Metric;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * One evaluation of one metric, as a DJL metric and as a host metric see it: generated samples drawn
 * from the run's sampler batch by batch (or the sample grid's fixed batch), the real data read in
 * order (or drawn with a fixed seed when endless or not readable in order), each batch in a memory
 * scope of its own. Progress
 * is the share of the requested generated and real examples handed out so far.
 */
final class EvaluationContext implements DjlMetricSpec.Evaluation, Metric.Context {
  /** The seed of the real examples drawn from endless data: the same ones at every evaluation. */
  static final long REAL_DRAWS_SEED = 0x5eed_da7aL;

  private final long step;
  private final NDManager manager;
  private final Sampler sampler;
  private final boolean grid;
  private final DataSource data;
  private final Path runDirectory;
  private final DoubleConsumer progress;
  private long requested;
  private long delivered;

  EvaluationContext(long step, NDManager manager, Sampler sampler, boolean grid, DataSource data, Path runDirectory,
      DoubleConsumer progress) {
    this.step = step;
    this.manager = manager;
    this.sampler = sampler;
    this.grid = grid;
    this.data = data;
    this.runDirectory = runDirectory;
    this.progress = progress;
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public Device device() {
    return manager.getDevice();
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public DataSource data() {
    return data;
  }

  @Override
  public Path runDirectory() {
    return runDirectory;
  }

  @Override
  public void generated(int n, int batchSize, DjlMetricSpec.Batches batches) throws IOException {
    checkSizes(n, batchSize);
    if (grid) {
      requested += 1;
      try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        Sampler.Draw draw = sampler.fixedDraw(m);
        batches.accept(draw.x(), draw.labels());
      }
      advance(1);
      return;
    }
    requested += n;
    for (int done = 0; done < n; ) {
      int b = Math.min(batchSize, n - done);
      try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        Sampler.Draw draw = sampler.draw(m, b);
        batches.accept(draw.x(), draw.labels());
      }
      done += b;
      advance(b);
    }
  }

  @Override
  public void real(int limit, int batchSize, DjlMetricSpec.Batches batches) throws IOException {
    checkSizes(limit, batchSize);
    DataShape shape = data.shape();
    boolean finite = shape.size() >= 0;
    int total = finite ? Math.min(limit, shape.size()) : limit;
    requested += total;
    int len = shape.exampleLength();
    long[] dims = new long[shape.shape().length + 1];
    for (int i = 0; i < shape.shape().length; i++) {
      dims[i + 1] = shape.shape()[i];
    }
    float[] x = new float[Math.min(batchSize, total) * len];
    int[] y = new int[Math.min(batchSize, total)];
    SplittableRandom draws = new SplittableRandom(REAL_DRAWS_SEED);
    boolean inOrder = finite;
    for (int from = 0; from < total; ) {
      int b = Math.min(batchSize, total - from);
      if (inOrder) {
        try {
          data.examples(from, b, x, y);
        } catch (UnsupportedOperationException e) {
          inOrder = false; // finite data that cannot be read in order: the same seeded draws every time
        }
      }
      if (!inOrder) {
        data.batch(draws, b, x, y);
      }
      dims[0] = b;
      try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        NDArray xs = m.create(b * len == x.length ? x : Arrays.copyOf(x, b * len), new Shape(dims));
        NDArray ys = shape.numClasses() > 0
            ? m.create(b == y.length ? y : Arrays.copyOf(y, b)).toType(DataType.INT64, false) : null;
        batches.accept(xs, ys);
      }
      from += b;
      advance(b);
    }
  }

  @Override
  public void generated(int n, int batchSize, Metric.Batches batches) throws IOException {
    generated(n, batchSize, (x, labels) -> host(x, labels, batches));
  }

  @Override
  public void real(int limit, int batchSize, Metric.Batches batches) throws IOException {
    real(limit, batchSize, (x, labels) -> host(x, labels, batches));
  }

  private static void host(NDArray x, NDArray labels, Metric.Batches batches) throws IOException {
    int[] y = null;
    if (labels != null) {
      long[] l = labels.toLongArray();
      y = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        y[i] = (int) l[i];
      }
    }
    batches.accept(x.toType(DataType.FLOAT32, false).toFloatArray(), y, (int) x.getShape().get(0));
  }

  private static void checkSizes(int n, int batchSize) {
    if (n < 0 || batchSize < 1) {
      throw new IllegalArgumentException("asked for " + n + " examples in batches of " + batchSize);
    }
  }

  private void advance(int count) {
    delivered += count;
    progress.accept(requested == 0 ? 1 : Math.min(1.0, (double) delivered / requested));
  }
}
