package dev.gantrack.experiments.data;

import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Examples held in memory as unsigned bytes ({@code exampleLength} per example, already in
 * (C,H,W) order), handed out as floats {@code byte / 255 * 2 - 1}, drawn uniformly with
 * replacement or read in order; their fingerprint is the SHA-256 of the shape, the bytes and the
 * labels, so whatever selects them (files, limit, size) is covered.
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
  private final Path folder;
  private String fingerprint;

  /**
   * @param labels one class per example, or null when unlabelled
   * @param folder where the data's files are (caches of statistics go there), or null
   */
  ArraySource(DataShape shape, byte[] data, int[] labels, Path folder) {
    this.shape = shape;
    this.data = data;
    this.labels = labels;
    this.exampleLength = shape.exampleLength();
    this.size = shape.size();
    this.folder = folder;
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

  @Override
  public void examples(int from, int n, float[] x, int[] labels) {
    checkBatch(n, x, exampleLength);
    if (from < 0 || from + n > size) {
      throw new IllegalArgumentException("examples " + from + " to " + (from + n - 1) + " of " + size);
    }
    for (int i = 0; i < n; i++) {
      int base = (from + i) * exampleLength;
      for (int k = 0; k < exampleLength; k++) {
        x[i * exampleLength + k] = TO_FLOAT[data[base + k] & 0xff];
      }
      if (this.labels != null && labels != null) {
        labels[i] = this.labels[from + i];
      }
    }
  }

  @Override
  public synchronized Optional<String> fingerprint() {
    if (fingerprint == null) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(shape.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(data);
        if (labels != null) {
          ByteBuffer b = ByteBuffer.allocate(4 * labels.length);
          b.asIntBuffer().put(labels);
          sha.update(b.array());
        }
        fingerprint = HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return Optional.of(fingerprint);
  }

  @Override
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
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
