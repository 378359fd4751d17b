package dev.gantrack.djl.eval;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Test data: the first {@code count} of the 10,000 MNIST digits shipped in {@code
 * experiments/data/mnist/}, with their labels, as a dataset (the plugins cannot see the experiments
 * module's {@code idx} dataset). Its folder is {@code home}, where reference caches go.
 */
public record ShippedDigits(int count, Path home) implements DatasetSpec, DataSource {
  private static final Path MNIST = Path.of(System.getProperty("gantrack.repo", "../.."), "experiments/data/mnist");
  private static final byte[] PIXELS = read("mnist-10k-images-idx3-ubyte.gz", 16);
  private static final byte[] LABELS = read("mnist-10k-labels-idx1-ubyte.gz", 8);

  private static byte[] read(String file, int header) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(MNIST.resolve(file)));
        DataInputStream data = new DataInputStream(in)) {
      data.skipNBytes(header);
      return data.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The label of digit {@code i}. */
  public static int label(int i) {
    return LABELS[i];
  }

  @Override
  public DataShape describe(PluginContext context) {
    return shape();
  }

  @Override
  public DataSource open(PluginContext context) {
    return this;
  }

  @Override
  public DataShape shape() {
    return new DataShape(new int[] {1, 28, 28}, 10, count);
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    for (int i = 0; i < n; i++) {
      copy(random.nextInt(count), x, i, labels);
    }
  }

  @Override
  public void examples(int from, int n, float[] x, int[] labels) {
    for (int i = 0; i < n; i++) {
      copy(from + i, x, i, labels);
    }
  }

  private static void copy(int e, float[] x, int at, int[] labels) {
    for (int k = 0; k < 784; k++) {
      x[at * 784 + k] = (PIXELS[e * 784 + k] & 0xff) / 255f * 2 - 1;
    }
    if (labels != null) {
      labels[at] = LABELS[e];
    }
  }

  @Override
  public Optional<String> fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(PIXELS, 0, count * 784);
      return Optional.of(HexFormat.of().formatHex(sha.digest()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<Path> folder() {
    return Optional.ofNullable(home);
  }
}
