package dev.gantrack.api.data;

import dev.gantrack.api.PublicApi;
import java.util.Arrays;

/**
 * What a dataset holds, known before any example is loaded.
 *
 * @param shape one example's shape: {@code {channels, height, width}} for images, {@code {d}} for
 *     points
 * @param numClasses number of class labels, 0 when the data is unlabelled
 * @param size number of examples, or -1 for a generator that never runs out
 */
@PublicApi
public record DataShape(int[] shape, int numClasses, int size) {
  public DataShape {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of floats in one example. */
  public int exampleLength() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** {@code 1×28×28} style text. */
  public static String format(int[] shape) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : "×").append(shape[i]);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataShape d
        && Arrays.equals(shape, d.shape)
        && numClasses == d.numClasses
        && size == d.size;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + numClasses * 7 + size;
  }

  @Override
  public String toString() {
    return format(shape) + (numClasses > 0 ? ", " + numClasses + " classes" : "")
        + (size >= 0 ? ", " + size + " examples" : "");
  }
}
