package dev.gantrack.experiments.data;

import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The examples of {@link StackedMnistDataset}: example i stacks the three digits a generator seeded
 * with {@code seed} and i picks from {@code digits}, made when asked for (nothing but the digits is
 * held). Its class is {@code 100·c0 + 10·c1 + c2} when the digits are labelled.
 */
final class StackedDigits implements DataSource {
  private static final int PLANE = 28 * 28;
  private final DataShape shape;
  private final DataSource digits;
  private final long seed;
  private final int count;
  private final float[] one = new float[PLANE];
  private final int[] label = new int[1];

  StackedDigits(DataShape shape, DataSource digits, long seed) {
    this.shape = shape;
    this.digits = digits;
    this.seed = seed;
    this.count = digits.shape().size();
  }

  @Override
  public DataShape shape() {
    return shape;
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    ArraySource.checkBatch(n, x, shape.exampleLength());
    for (int i = 0; i < n; i++) {
      fill(random.nextInt(shape.size()), x, i, labels);
    }
  }

  @Override
  public void examples(int from, int n, float[] x, int[] labels) {
    ArraySource.checkBatch(n, x, shape.exampleLength());
    if (from < 0 || from + n > shape.size()) {
      throw new IllegalArgumentException("examples " + from + " to " + (from + n - 1) + " of " + shape.size());
    }
    for (int i = 0; i < n; i++) {
      fill(from + i, x, i, labels);
    }
  }

  /** Writes example {@code index} at position {@code at} of {@code x} (and its mode into {@code labels}). */
  private void fill(int index, float[] x, int at, int[] labels) {
    SplittableRandom pick = new SplittableRandom(seed * 1_000_003L + index);
    int mode = 0;
    for (int c = 0; c < StackedMnistDataset.CHANNELS; c++) {
      digits.examples(pick.nextInt(count), 1, one, label);
      System.arraycopy(one, 0, x, at * 3 * PLANE + c * PLANE, PLANE);
      mode = mode * 10 + label[0];
    }
    if (labels != null && shape.numClasses() > 0) {
      labels[at] = mode;
    }
  }

  @Override
  public Optional<String> fingerprint() {
    return digits.fingerprint().map(base -> {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((StackedMnistDataset.TYPE + " " + base + " " + seed + " " + shape).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public Optional<Path> folder() {
    return digits.folder();
  }
}
