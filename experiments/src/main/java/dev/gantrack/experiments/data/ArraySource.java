package dev.gantrack.experiments.data;

import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.util.SplittableRandom;

/**
 * Examples held in memory as unsigned bytes ({@code exampleLength} per example, already in
 * (C,H,W) order), handed out as floats {@code byte / 255 * 2 - 1}, drawn uniformly with
 * replacement.
 */
final class ArraySource implements DataSource {
  private static final float[] TO_FLOAT = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      TO_FLOAT[b] = b / 255f * 2f - 1f;
    }
  }

  private final DataShape shape;
  private final byte[] data;
  private final int[] labels;
  private final int exampleLength;
  private final int size;

  /**
   * @param labels one class per example, or null when unlabelled
   */
  ArraySource(DataShape shape, byte[] data, int[] labels) {
    this.shape = shape;
    this.data = data;
    this.labels = labels;
    this.exampleLength = shape.exampleLength();
    this.size = shape.size();
    if (size <= 0 || (long) size * exampleLength != data.length) {
      throw new IllegalArgumentException(
          "data holds " + data.length + " bytes, not " + size + " × " + exampleLength);
    }
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException(labels.length + " labels for " + size + " examples");
    }
  }

  @Override
  public DataShape shape() {
    return shape;
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    checkBatch(n, x, exampleLength);
    boolean withLabels = this.labels != null && labels != null;
    if (withLabels && labels.length < n) {
      throw new IllegalArgumentException("labels has room for " + labels.length + " of " + n);
    }
    for (int i = 0; i < n; i++) {
      int j = random.nextInt(size);
      int from = j * exampleLength;
      int to = i * exampleLength;
      for (int k = 0; k < exampleLength; k++) {
        x[to + k] = TO_FLOAT[data[from + k] & 0xff];
      }
      if (withLabels) {
        labels[i] = this.labels[j];
      }
    }
  }

  static void checkBatch(int n, float[] x, int exampleLength) {
    if (n < 0) {
      throw new IllegalArgumentException("batch size " + n + " is negative");
    }
    if (x.length < (long) n * exampleLength) {
      throw new IllegalArgumentException(
          "x has room for " + x.length + " floats, a batch of " + n + " needs " + (long) n * exampleLength);
    }
  }
}
